import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { paths } from '../api/schema';
import { Button, ErrorAlert, Loading, TextField } from '../design/components';

type Scope = NonNullable<
  paths['/api/v1/api-keys']['post']['requestBody']
>['content']['application/json']['scopes'][number];

export function ApiKeys() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState('courses:read');
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/api-keys', {});
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
  });
  const create = useMutation({
    mutationFn: async () => {
      const list = scopes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean) as Scope[];
      const { data, error } = await api.POST('/api/v1/api-keys', { body: { name, scopes: list } });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
    onSuccess: () => {
      setName('');
      return queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <form onSubmit={submit} className="toolbar">
        <TextField
          label="Key name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Scopes (comma-separated)"
          required
          value={scopes}
          onChange={(e) => setScopes(e.target.value)}
        />
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create key
        </Button>
      </form>
      {create.isError && <ErrorAlert message={create.error.message} />}
      {create.data && (
        <div role="status" className="card">
          <p>Copy this key now: it is shown only once.</p>
          <code data-testid="new-api-key">{create.data.key}</code>
        </div>
      )}
      {keys.isPending && <Loading label="Loading keys…" />}
      {keys.isError && <ErrorAlert message={keys.error.message} />}
      <ul>
        {keys.data?.map((key) => (
          <li key={key.id}>
            {key.name}{' '}
            <span className="muted">
              lk_{key.prefix}… · {key.scopes.join(', ')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
