import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSessions, users } from '#platform/auth/tables.js';
import { inTransaction, newId, rowsOf } from '#platform/db/index.js';
import { idempotencyKeys } from '#platform/http/tables.js';
import { CLEANUP_QUEUE, findRecord } from '#platform/jobs/index.js';
import { jobs as jobRecords } from '#platform/jobs/tables.js';
import { storedFiles } from '#platform/storage/index.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jobs in the app', () => {
  describe('ROLE=all (default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ CLEANUP_RETENTION_DAYS: '30' });
    });
    afterAll(() => t.close());

    it('should schedule the nightly clean-up', async () => {
      const rows = rowsOf<{ name: string; cron: string }>(
        await t.database.db.execute(sql`SELECT name, cron FROM pgboss.schedule`),
      );
      expect(rows).toContainEqual({ name: CLEANUP_QUEUE, cron: '17 3 * * *' });
    });

    it('should delete expired idempotency records, long-ended sessions, old job records and long-deleted files', async () => {
      const db = t.database.db;
      const userId = newId();
      await db
        .insert(users)
        .values({ id: userId, email: 'cleanup@example.org', name: 'C', passwordHash: 'x' });
      const session = (expiresAt: Date, revokedAt: Date | null = null) => ({
        id: newId(),
        userId,
        expiresAt,
        revokedAt,
      });
      const live = session(new Date(Date.now() + DAY));
      const expiredLongAgo = session(daysAgo(31));
      const expiredRecently = session(daysAgo(1));
      const revokedLongAgo = session(new Date(Date.now() + DAY), daysAgo(40));
      await db.insert(authSessions).values([live, expiredLongAgo, expiredRecently, revokedLongAgo]);
      const key = (k: string, expiresAt: Date) => ({
        principal: userId,
        key: k,
        method: 'POST',
        path: '/x',
        requestHash: 'h',
        expiresAt,
      });
      await db
        .insert(idempotencyKeys)
        .values([key('old', daysAgo(1)), key('fresh', new Date(Date.now() + DAY))]);
      const oldJob = newId();
      const recentJob = newId();
      // Its process died mid-run; pg-boss no longer has it, the record never saw it finish.
      const orphan = newId();
      await db.insert(jobRecords).values([
        { id: oldJob, queue: 'x', state: 'completed', finishedAt: daysAgo(31) },
        { id: recentJob, queue: 'x', state: 'failed', finishedAt: daysAgo(2) },
        { id: orphan, queue: 'x', state: 'active', createdAt: daysAgo(40) },
      ]);

      const storage = t.app.lectern.storage;
      const storeFile = async (deletedAt: Date | null) => {
        const bytes = await storage.store.put(Readable.from([Buffer.from('some bytes')]), {
          filename: 'a.txt',
          contentType: 'text/plain',
          maxBytes: 1024,
        });
        const row = await inTransaction(db, ({ tx }) =>
          storage.record(tx, {
            ...bytes,
            ownerId: null,
            filename: 'a.txt',
            contentType: 'text/plain',
          }),
        );
        await db.update(storedFiles).set({ deletedAt }).where(eq(storedFiles.id, row.id));
        return row;
      };
      const liveFile = await storeFile(null);
      const deletedRecently = await storeFile(daysAgo(2));
      const deletedLongAgo = await storeFile(daysAgo(31));

      const id = (await inTransaction(db, ({ tx }) =>
        t.app.lectern.jobs.enqueue(tx, CLEANUP_QUEUE, {}),
      )) as string;
      const done = await waitFor(async () => {
        const r = await findRecord(db, id);
        return r?.state === 'completed' && r;
      });
      expect(done.result).toEqual({
        idempotencyKeys: 1,
        sessions: 2,
        loginFailures: 0,
        jobs: 2,
        files: 1,
      });
      const fileIds = (await db.select({ id: storedFiles.id }).from(storedFiles)).map((r) => r.id);
      expect(fileIds.sort()).toEqual([liveFile.id, deletedRecently.id].sort());
      expect(await storage.store.stat(deletedLongAgo.storageKey)).toBeNull();
      expect(await storage.store.stat(deletedRecently.storageKey)).not.toBeNull();

      const sessionIds = (await db.select({ id: authSessions.id }).from(authSessions)).map(
        (r) => r.id,
      );
      expect(sessionIds.sort()).toEqual([live.id, expiredRecently.id].sort());
      const keys = (await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map(
        (r) => r.key,
      );
      expect(keys).toEqual(['fresh']);
      expect(await findRecord(db, oldJob)).toBeNull();
      expect(await findRecord(db, orphan)).toBeNull();
      expect(await findRecord(db, recentJob)).not.toBeNull();
    });
  });

  describe('ROLE=api', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ ROLE: 'api', JOBS_POLL_INTERVAL_MS: '500' });
    });
    afterAll(() => t.close());

    it('should enqueue but never take a job', async () => {
      const id = (await inTransaction(t.database.db, ({ tx }) =>
        t.app.lectern.jobs.enqueue(tx, CLEANUP_QUEUE, {}),
      )) as string;
      await new Promise((r) => setTimeout(r, 1500));
      expect(await findRecord(t.database.db, id)).toMatchObject({ state: 'created' });
      expect(t.app.lectern.jobs.running()).toBe(0);
    });
  });

  describe('ROLE=worker', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ ROLE: 'worker' });
    });
    afterAll(() => t.close());

    it('should serve no API', async () => {
      const res = await t.app.inject({ url: '/api/v1/jobs' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND_ON_WORKER');
    });

    it('should still work jobs', async () => {
      const id = (await inTransaction(t.database.db, ({ tx }) =>
        t.app.lectern.jobs.enqueue(tx, CLEANUP_QUEUE, {}),
      )) as string;
      await waitFor(async () => (await findRecord(t.database.db, id))?.state === 'completed');
    });
  });
});
