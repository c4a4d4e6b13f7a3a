// Who is signed in, in which organisation, and the language rule: the user's saved locale wins on sign-in.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, type Locale, type SessionInfo, setUnauthorizedHandler } from './api.ts';
import { applyLocale } from './i18n/index.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; needsOnboarding: boolean; reason: 'none' | 'expired' | 'logout' }
  | { status: 'authenticated'; session: SessionInfo }
  | { status: 'error'; error: ApiError };

interface SessionApi {
  state: SessionState;
  /** Stores a SessionInfo the server just returned (login, setup, switch, accept…). */
  establish: (session: SessionInfo) => void;
  reload: () => Promise<void>;
  logout: () => Promise<void>;
  /** Switches language now; saves it to the user when signed in. */
  changeLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

async function probe(): Promise<SessionState> {
  try {
    const session = await api.get<SessionInfo>('/api/session', { allowUnauthorized: true });
    return { status: 'authenticated', session };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) {
      return { status: 'error', error: toApiError(err) };
    }
  }
  try {
    const setup = await api.get<{ needsOnboarding: boolean }>('/api/setup', { allowUnauthorized: true });
    return { status: 'anonymous', needsOnboarding: setup.needsOnboarding, reason: 'none' };
  } catch (err) {
    return { status: 'error', error: toApiError(err) };
  }
}

function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err), {});
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const establish = useCallback((session: SessionInfo) => {
    if (session.user.locale) void applyLocale(session.user.locale);
    setState({ status: 'authenticated', session });
  }, []);

  const reload = useCallback(async () => {
    const next = await probe();
    if (next.status === 'authenticated') establish(next.session);
    else setState(next);
  }, [establish]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setState((prev) =>
        prev.status === 'authenticated'
          ? { status: 'anonymous', needsOnboarding: false, reason: 'expired' }
          : prev,
      );
    });
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout', {}, { allowUnauthorized: true });
    } finally {
      setState({ status: 'anonymous', needsOnboarding: false, reason: 'logout' });
    }
  }, []);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      if (state.status !== 'authenticated' || state.session.user.locale === locale) return;
      try {
        const session = await api.patch<SessionInfo>('/api/me', { locale });
        setState({ status: 'authenticated', session });
      } catch {
        // The language already changed on screen; saving it to the profile can be retried from Settings.
      }
    },
    [state],
  );

  const value = useMemo(
    () => ({ state, establish, reload, logout, changeLocale }),
    [state, establish, reload, logout, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** For screens inside the signed-in shell, where a session is guaranteed. */
export function useAuthenticated(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useAuthenticated outside the signed-in shell');
  return state.session;
}
