import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { permissionsOf, type Role } from '#platform/auth/permissions.js';
import type { Principal } from '#platform/auth/principal.js';
import { users } from '#platform/auth/tables.js';
import { loadConfig } from '#platform/config/index.js';
import { type DatabaseHandle, inTransaction, newId } from '#platform/db/index.js';
import { httpConventions } from '#platform/http/http-plugin.js';
import { createJobQueue, createJobsService, type JobQueue } from '#platform/jobs/index.js';
import { jobsRoutes } from '#platform/jobs/routes.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

const quietLog = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

function openDb(): Promise<DatabaseHandle> {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  return url ? openScratchPostgres(url) : openTestDatabase(inject('pgliteTemplateDir'));
}

/**
 * The routes behind the HTTP conventions, with the principal taken from a test header: what
 * the authentication hook would set. Authorization (owner or permission) is the service's.
 */
async function buildRoutesApp(database: DatabaseHandle, jobs: JobQueue) {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers['x-test-principal'];
    request.principal = typeof header === 'string' ? (JSON.parse(header) as Principal) : null;
    if (request.principal)
      request.principal = {
        ...request.principal,
        permissions: permissionsOf(request.principal.roles),
      };
  });
  await app.register(httpConventions, { config: loadConfig({ NODE_ENV: 'test' }), version: 't' });
  await app.register(jobsRoutes, {
    prefix: '/api/v1',
    service: createJobsService({ db: database.db, jobs }),
  });
  await app.ready();
  return app;
}

describe('jobs API', () => {
  let database: DatabaseHandle;
  let jobs: JobQueue;
  let app: FastifyInstance;
  const ids = { alice: newId(), bob: newId(), staff: newId(), admin: newId() };
  const as = (who: keyof typeof ids, role: Role = 'learner') => ({
    'x-test-principal': JSON.stringify({ type: 'user', userId: ids[who], roles: [role] }),
  });
  const enqueue = (ownerId: string) =>
    inTransaction(database.db, ({ tx }) =>
      jobs.enqueue(tx, 'report', { for: ownerId }, { ownerId }),
    ) as Promise<string>;

  beforeAll(async () => {
    database = await openDb();
    await database.db.insert(users).values(
      Object.entries(ids).map(([name, id]) => ({
        id,
        email: `${name}@example.org`,
        name,
        passwordHash: 'x',
      })),
    );
    // Enqueue only (ROLE=api): the jobs stay queued, so their state is stable.
    jobs = createJobQueue({ database, log: quietLog, work: false });
    jobs.register('report', async () => ({}));
    await jobs.start();
    app = await buildRoutesApp(database, jobs);
  });
  afterAll(async () => {
    await app?.close();
    await jobs?.stop();
    await database?.close();
  });

  describe('GET /api/v1/jobs/:id', () => {
    it('should show a job to its owner', async () => {
      const id = await enqueue(ids.alice);
      const res = await app.inject({ url: `/api/v1/jobs/${id}`, headers: as('alice') });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        ok: true,
        data: { id, queue: 'report', state: 'created', progress: 0, ownerId: ids.alice },
      });
    });

    it('should hide a job from another learner but show it to staff and admins', async () => {
      const id = await enqueue(ids.alice);
      const bob = await app.inject({ url: `/api/v1/jobs/${id}`, headers: as('bob') });
      expect(bob.statusCode).toBe(404);
      expect(bob.json().error.code).toBe('JOB_NOT_FOUND');
      for (const [who, role] of [
        ['staff', 'staff'],
        ['admin', 'admin'],
      ] as const) {
        const res = await app.inject({ url: `/api/v1/jobs/${id}`, headers: as(who, role) });
        expect(res.statusCode, who).toBe(200);
      }
    });

    it('should want credentials and a valid id', async () => {
      const id = await enqueue(ids.alice);
      expect((await app.inject({ url: `/api/v1/jobs/${id}` })).statusCode).toBe(401);
      const bad = await app.inject({ url: '/api/v1/jobs/not-a-uuid', headers: as('alice') });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('GET /api/v1/jobs', () => {
    it('should list only the caller’s jobs, newest first, page by page', async () => {
      const own = [await enqueue(ids.bob), await enqueue(ids.bob), await enqueue(ids.bob)];
      await enqueue(ids.alice);
      const first = await app.inject({ url: '/api/v1/jobs?limit=2', headers: as('bob') });
      expect(first.statusCode).toBe(200);
      const page1 = first.json();
      expect(page1.data.map((j: { id: string }) => j.id)).toEqual([own[2], own[1]]);
      expect(page1.meta.limit).toBe(2);
      expect(first.headers.link).toContain('rel="next"');
      const second = await app.inject({
        url: `/api/v1/jobs?limit=2&cursor=${page1.meta.nextCursor}`,
        headers: as('bob'),
      });
      expect(second.json().data.map((j: { id: string }) => j.id)).toEqual([own[0]]);
      expect(second.json().meta.nextCursor).toBeNull();
    });

    it('should filter by state and queue', async () => {
      const id = await enqueue(ids.staff);
      await jobs.cancel(id);
      const cancelled = await app.inject({
        url: '/api/v1/jobs?state=cancelled&queue=report',
        headers: as('staff', 'staff'),
      });
      expect(cancelled.json().data.map((j: { id: string }) => j.id)).toEqual([id]);
      const none = await app.inject({
        url: '/api/v1/jobs?queue=other',
        headers: as('staff', 'staff'),
      });
      expect(none.json().data).toEqual([]);
    });
  });

  describe('POST /api/v1/jobs/:id/cancel', () => {
    it('should let the owner cancel a queued job once', async () => {
      const id = await enqueue(ids.alice);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${id}/cancel`,
        headers: as('alice'),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id, state: 'cancelled' });
      const again = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${id}/cancel`,
        headers: as('alice'),
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('JOB_FINISHED');
    });

    it('should let admins cancel anyone’s job, and not staff who may only read it', async () => {
      const id = await enqueue(ids.alice);
      const staff = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${id}/cancel`,
        headers: as('staff', 'staff'),
      });
      expect(staff.statusCode).toBe(403);
      const admin = await app.inject({
        method: 'POST',
        url: `/api/v1/jobs/${id}/cancel`,
        headers: as('admin', 'admin'),
      });
      expect(admin.statusCode).toBe(200);
    });
  });
});
