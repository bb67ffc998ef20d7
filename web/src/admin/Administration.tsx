import { ApiKeys } from './ApiKeys';
import { Users } from './Users';

export function Administration() {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <Users />
      <ApiKeys />
    </section>
  );
}
