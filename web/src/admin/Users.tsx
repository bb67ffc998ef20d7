import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client';
import { ErrorAlert, Loading } from '../design/components';

export function Users() {
  const users = useQuery({
    queryKey: ['admin-users'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/users', { params: { query: { limit: 50 } } });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
  });
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users and roles</h2>
      {users.isPending && <Loading label="Loading users…" />}
      {users.isError && <ErrorAlert message={users.error.message} />}
      {users.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>{user.roles.join(', ')}</td>
                <td>{user.disabled ? 'disabled' : 'active'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
