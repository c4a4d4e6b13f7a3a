// Fetch wrapper for the Stemme API: JSON in and out, the CSRF header on writes, typed errors, 401 → login.

export const LOCALES = ['en', 'nb', 'da', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['admin', 'editor', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
}

export interface OrgSummary {
  id: string;
  name: string;
  role: Role;
}

export interface Org {
  id: string;
  name: string;
  timeZone: string;
  defaultLocale: Locale;
}

export interface SessionInfo {
  user: SessionUser;
  orgs: OrgSummary[];
  org: Org | null;
  role: Role | null;
  csrfToken?: string | null;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string | null;
  role: Role;
  expiresAt: string;
  createdAt: string;
  invitedBy: { name: string } | null;
}

export interface CreatedInvitation {
  id: string;
  url: string;
  email: string | null;
  role: Role;
  expiresAt: string;
}

export interface PublicInvitation {
  orgName: string;
  role: Role;
  email: string | null;
  invitedBy: string | { name: string } | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  target: unknown;
  details: unknown;
  ip: string | null;
}

export interface Job {
  id: string;
  name: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** An error reply from the server (or the network), with per-field messages when the server sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = isRecord(details) ? details : {};
    this.fields = readFields(this.details);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFields(details: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  const raw = details.fields;
  if (!isRecord(raw)) return fields;
  for (const [name, message] of Object.entries(raw)) {
    if (typeof message === 'string') fields[name] = message;
    else if (Array.isArray(message) && typeof message[0] === 'string') fields[name] = message[0];
  }
  return fields;
}

const CSRF_COOKIE = 'stemme_csrf';
let csrfFromSession: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** The session provider registers what happens when any call finds the session gone. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export function rememberCsrfToken(token: string | null | undefined): void {
  if (token) csrfFromSession = token;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

async function csrfToken(): Promise<string | undefined> {
  const fromCookie = readCookie(CSRF_COOKIE);
  if (fromCookie) return fromCookie;
  // Both endpoints set the cookie; /api/setup answers even without a session.
  for (const path of ['/api/session', '/api/setup']) {
    try {
      const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (res.ok && path === '/api/session') {
        const body: unknown = await res.json();
        if (isRecord(body) && typeof body.csrfToken === 'string') rememberCsrfToken(body.csrfToken);
      }
    } catch {
      // The request below reports the network problem.
    }
    const cookie = readCookie(CSRF_COOKIE);
    if (cookie) return cookie;
  }
  return csrfFromSession;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Set for calls where 401 is an expected answer (login, the session probe), not a lost session. */
  allowUnauthorized?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body: unknown, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = await csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Could not reach the server.', {});
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }

  if (!res.ok) {
    const error = isRecord(parsed) ? parsed : {};
    const code = typeof error.error === 'string' ? error.error : `http_${res.status}`;
    const message = typeof error.message === 'string' ? error.message : res.statusText;
    if (res.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
    throw new ApiError(res.status, code, message, error.details);
  }
  if (isRecord(parsed) && typeof parsed.csrfToken === 'string') rememberCsrfToken(parsed.csrfToken);
  return parsed as T;
}

export const api = {
  get: <T>(path: string, options: RequestOptions = {}) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options: RequestOptions = {}) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown = {}, options: RequestOptions = {}) =>
    request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown = {}, options: RequestOptions = {}) =>
    request<T>('PATCH', path, body, options),
  delete: <T = void>(path: string, options: RequestOptions = {}) =>
    request<T>('DELETE', path, undefined, options),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
