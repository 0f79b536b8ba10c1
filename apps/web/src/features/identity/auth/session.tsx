import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { CurrentUser, Permission, SessionView } from '@vigie/domain/rules';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from '../../../api/client';
import { applyLocale, currentLocale, markLocalePending, pendingLocale } from '../../../i18n';

export type SessionState =
  | { status: 'loading' }
  | { status: 'offline' }
  | { status: 'ready'; needsSetup: boolean; user: CurrentUser | null };

interface SessionApi {
  state: SessionState;
  /** Adopt a session returned by login, setup or invitation acceptance. */
  signIn(session: SessionView): Promise<void>;
  /** Re-read the session, e.g. after enabling two-factor or editing the profile. */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only call inside routes that the app guards as signed-in. */
export function useUser(): CurrentUser {
  const { state } = useSession();
  if (state.status !== 'ready' || !state.user) throw new Error('useUser without a user');
  return state.user;
}

export function hasPermission(user: CurrentUser | null, permission: Permission): boolean {
  return !!user && user.permissions.includes(permission);
}

async function fetchUser(): Promise<CurrentUser | null> {
  try {
    const session = await api.get<SessionView>('/api/auth/me');
    return session.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

async function adoptLocale(user: CurrentUser): Promise<void> {
  const pending = pendingLocale();
  if (pending) {
    // A switch made here has not reached the account yet: finish it rather than undo it.
    if (pending !== currentLocale()) await applyLocale(pending);
    if (pending === user.locale) markLocalePending(null);
    else api.patch('/api/me', { locale: pending }).then(() => markLocalePending(null)).catch(() => undefined);
    return;
  }
  // Otherwise the account's language follows the person from device to device.
  if (user.locale !== currentLocale()) await applyLocale(user.locale);
}

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const [setup, user] = await Promise.all([
          api.get<{ needsSetup: boolean }>('/api/setup/status'),
          fetchUser(),
        ]);
        if (user) await adoptLocale(user);
        if (!cancelled) setState({ status: 'ready', needsSetup: setup.needsSetup, user });
      } catch {
        if (!cancelled) setState({ status: 'offline' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState((s) => (s.status === 'ready' ? { ...s, user: null } : s));
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const signIn = useCallback(async (session: SessionView) => {
    setCsrfToken(session.csrfToken);
    await adoptLocale(session.user);
    setState({ status: 'ready', needsSetup: false, user: session.user });
  }, []);

  const refresh = useCallback(async () => {
    const user = await fetchUser();
    setState((s) => ({ status: 'ready', needsSetup: s.status === 'ready' ? s.needsSetup : false, user }));
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setState((s) => ({ status: 'ready', needsSetup: s.status === 'ready' ? s.needsSetup : false, user: null }));
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  // Observers often start the app where the network is poor: try again as soon as it returns.
  useEffect(() => {
    if (state.status !== 'offline') return;
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [state.status, retry]);

  const value = useMemo(() => ({ state, signIn, refresh, signOut, retry }), [state, signIn, refresh, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
