import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Loading } from '../design/components';
import { useSession } from './session';

/** Pages for the signed-in: wait for the silent refresh, then show the page or a way to sign in. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  if (!session.ready) return <Loading label="Checking your session…" />;
  if (!session.user)
    return (
      <section>
        <h1>Sign-in needed</h1>
        <p>
          <Link to="/sign-in">Sign in</Link> to see this page.
        </p>
      </section>
    );
  return <>{children}</>;
}
