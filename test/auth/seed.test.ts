import { describe, expect, it } from 'vitest';
import { ensureFirstAdmin, seedDemo } from '#platform/seed/index.js';
import { createUser } from '#platform/users/index.js';
import { countRows, login, PASSWORD, uniqueEmail } from '../helpers/factories.js';
import { buildTestApp } from '../helpers/test-app.js';

describe('demo seed', () => {
  it('should seed the demo school once and log the admin login in one line', async () => {
    const t = await buildTestApp({ SEED_DEMO: 'true' });
    try {
      expect(await countRows(t, 'users')).toBe(23);
      const [counts] = await t.database.query<{
        admin: number;
        instructor: number;
        learner: number;
      }>(
        `select count(*) filter (where role = 'admin')::int as admin,
                count(*) filter (where role = 'instructor')::int as instructor,
                count(*) filter (where role = 'learner')::int as learner from user_roles`,
      );
      expect(counts).toEqual({ admin: 1, instructor: 2, learner: 20 });
      const lines = t.logs.filter((l) => String(l.msg).startsWith('Demo school seeded'));
      expect(lines).toHaveLength(1);
      expect(lines[0].level).toBe(30);
      const password = /with password (\S+)/.exec(String(lines[0].msg))?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(10);
      const tokens = await login(t, String(lines[0].adminEmail), password);
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: tokens.auth,
      });
      expect(me.json().data.user.roles).toEqual(['admin']);
      expect(t.logs.filter((l) => JSON.stringify(l).includes(password))).toHaveLength(1);

      const log = { info: () => undefined };
      expect(await seedDemo(t.database.db, log)).toBeNull();
      expect(await countRows(t, 'users')).toBe(23);
    } finally {
      await t.close();
    }
  });
});

describe('first admin and createUser', () => {
  it('should create the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, only when no admin exists', async () => {
    const t = await buildTestApp({ ADMIN_EMAIL: 'head@school.test', ADMIN_PASSWORD: PASSWORD });
    try {
      const tokens = await login(t, 'head@school.test', PASSWORD);
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: tokens.auth,
      });
      expect(me.json().data.user.roles).toEqual(['admin']);
      expect(await ensureFirstAdmin(t.database.db, 'other@school.test', PASSWORD)).toBe('exists');
      expect(await countRows(t, 'users')).toBe(1);
      expect(t.logs.some((l) => JSON.stringify(l).includes(PASSWORD))).toBe(false);

      const email = uniqueEmail('cli');
      const user = await createUser(t.database.db, {
        email,
        password: PASSWORD,
        name: 'Cli User',
        roles: ['instructor', 'staff'],
      });
      expect(user).toMatchObject({ email, roles: ['instructor', 'staff'] });
      await expect(
        createUser(t.database.db, {
          email: email.toUpperCase(),
          password: PASSWORD,
          name: 'Again',
          roles: ['learner'],
        }),
      ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
      await expect(
        createUser(t.database.db, {
          email: uniqueEmail(),
          password: 'password1',
          name: 'W',
          roles: [],
        }),
      ).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
    } finally {
      await t.close();
    }
  });
});
