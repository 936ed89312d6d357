import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, must, type Schemas } from './api/client';
import type { paths } from './api/schema';
import { useI18n } from './i18n';

export type Me = paths['/api/auth/me']['get']['responses'][200]['content']['application/json'];

export type LoginInput = Schemas['LoginRequest'];

interface SessionState {
  /** undefined while loading, null when logged out. */
  me: Me | null | undefined;
  can(permission: string): boolean;
  logIn(input: LoginInput): Promise<void>;
  logOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/**
 * Who is logged in, from GET /api/auth/me over the session cookie. The console keeps no token: the cookie is
 * httpOnly, and permissions come from the server, which refuses anything the role cannot do anyway.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { follow } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const current = await must(api.GET('/api/auth/me'));
      setMe(current);
      follow(current.locale);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else throw error;
    }
  }, [follow]);

  useEffect(() => {
    // Once, at start: later changes of `refresh` (a language switch) need no new look-up.
    void refresh();
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      me,
      can: (permission) => !!me && !me.mustChangePassword && me.permissions.includes(permission),
      async logIn(input) {
        await must(api.POST('/api/auth/session', { body: input }));
        await refresh();
      },
      async logOut() {
        await api.POST('/api/auth/logout');
        setMe(null);
      },
      refresh,
    }),
    [me, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
