import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { createUserAndLogin, expectError } from '../helpers/factories.js';
import { makePerson } from './gdpr-fixtures.js';

// One admin only: the last-admin guard is what these tests are about.
const { t, api, admin, teacher, staff } = useCatalogTestApp({
  admin: 'admin',
  teacher: 'instructor',
  staff: 'staff',
});

/** Every row of every table the app owns, as text: to show a refused erasure changed nothing. */
async function everything(): Promise<string> {
  const tables = await t.database.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        and table_schema not like 'pg\\_%' order by 1, 2`,
  );
  const parts: string[] = [];
  for (const { schema, name } of tables) {
    const rows = await t.database.query<{ row: unknown }>(
      `select to_jsonb(x) as row from "${schema}"."${name}" x order by to_jsonb(x)::text`,
    );
    parts.push(`${schema}.${name}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

describe('POST /api/v1/users/:id/erase refusals', () => {
  it('should refuse to erase the last enabled admin (409) and change nothing', async () => {
    await makePerson(t, api, teacher);
    const before = await everything();
    expectError(await api.post(`/users/${admin.id}/erase`, admin), 409, 'LAST_ADMIN');
    expect(await everything()).toEqual(before);
    expect((await api.get('/auth/me', admin)).statusCode).toBe(200);
  });

  it('should let an admin be erased once another admin remains', async () => {
    const second = await createUserAndLogin(t, ['admin']);
    const res = await api.post(`/users/${second.id}/erase`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ roles: [], disabled: true });
    expectError(await api.post(`/users/${admin.id}/erase`, admin), 409, 'LAST_ADMIN');
  });

  it('should be for admins only: staff and the person themselves get 403, nothing changes', async () => {
    const person = await makePerson(t, api, teacher);
    const before = await everything();
    for (const caller of [staff, person.user, teacher])
      expectError(
        await api.post(`/users/${person.user.id}/erase`, caller),
        403,
        'PERMISSION_DENIED',
      );
    expect(await everything()).toEqual(before);
  });

  it('should answer 404 for an unknown user and 400 naming the field for a bad id', async () => {
    expectError(await api.post(`/users/${UNKNOWN_ID}/erase`, admin), 404, 'USER_NOT_FOUND');
    const bad = expectError(await api.post('/users/42/erase', admin), 400, 'VALIDATION_FAILED');
    expect(bad.details?.map((d) => d.path)).toEqual(['/params/id']);
  });
});

describe('an erased account', () => {
  it('should not be enabled again (409 USER_ERASED): it stays disabled and unable to sign in', async () => {
    const person = await makePerson(t, api, teacher);
    expect((await api.post(`/users/${person.user.id}/erase`, admin)).statusCode).toBe(200);
    expectError(await api.post(`/users/${person.user.id}/enable`, admin), 409, 'USER_ERASED');
    const user = await api.get(`/users/${person.user.id}`, admin);
    expect(user.json().data.disabled).toBe(true);
  });
});
