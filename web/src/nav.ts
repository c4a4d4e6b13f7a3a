// Safe in-app return paths for "sign in, then continue where you were".

/** Accepts only same-origin absolute paths, so `?next=` cannot send anyone to another site. */
export function safeNext(value: string | null | undefined): string | undefined {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value;
}

export function loginPath(next?: string): string {
  const safe = safeNext(next);
  return safe && safe !== '/' ? `/login?next=${encodeURIComponent(safe)}` : '/login';
}
