import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { api, errorMessage, setAccessToken } from '../api/client';
import { refreshDelayMs } from './refresh-schedule';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

interface Session {
  user: SignedInUser | undefined;
  /** False until the first silent refresh has answered (a reload keeps the session via the cookie). */
  ready: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

interface Tokens {
  accessToken: string;
  expiresIn: number;
  user: { id: string; email: string; name: string; roles: string[] };
}

// The cookie routes refuse requests without it: a cross-site form cannot send a custom header.
const csrf = { header: { 'x-lectern-csrf': '1' } } as const;

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | undefined>();
  const [ready, setReady] = useState(false);

  // One controller per provider: refresh and adopt call each other, so they live together.
  const controller = useMemo(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const clear = () => {
      clearTimeout(timer);
      setAccessToken(undefined);
      setUser(undefined);
    };
    const adopt = (tokens: Tokens) => {
      setAccessToken(tokens.accessToken);
      const { id, email, name, roles } = tokens.user;
      setUser({ id, email, name, roles });
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), refreshDelayMs(tokens.expiresIn));
    };
    const refresh = async (): Promise<boolean> => {
      const { data } = await api.POST('/api/v1/auth/cookie/refresh', { params: csrf });
      if (!data) {
        clear();
        return false;
      }
      adopt(data.data);
      return true;
    };
    return { clear, adopt, refresh, stop: () => clearTimeout(timer) };
  }, []);

  useEffect(() => {
    void controller.refresh().finally(() => setReady(true));
    return controller.stop;
  }, [controller]);

  const session = useMemo<Session>(
    () => ({
      user,
      ready,
      async signIn(email, password) {
        const { data, error } = await api.POST('/api/v1/auth/cookie/login', {
          params: csrf,
          body: { email, password },
        });
        if (!data) throw new Error(errorMessage(error));
        controller.adopt(data.data);
      },
      async signOut() {
        await api.POST('/api/v1/auth/cookie/logout', { params: csrf });
        controller.clear();
      },
    }),
    [user, ready, controller],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
