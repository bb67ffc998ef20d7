import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { api, errorMessage, setAccessToken } from '../api/client';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

interface Session {
  user: SignedInUser | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SignedInUser | undefined>();
  const session = useMemo<Session>(
    () => ({
      user,
      async signIn(email, password) {
        const { data, error } = await api.POST('/api/v1/auth/login', { body: { email, password } });
        if (!data) throw new Error(errorMessage(error));
        setAccessToken(data.data.accessToken);
        const { id, name, roles } = data.data.user;
        setUser({ id, email: data.data.user.email, name, roles });
      },
      async signOut() {
        await api.POST('/api/v1/auth/logout', {});
        setAccessToken(undefined);
        setUser(undefined);
      },
    }),
    [user],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
