import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, inTransaction, rowsOf } from '#platform/db/index.js';
import {
  createJobQueue,
  deadLetterQueue,
  findRecord,
  type JobProgressEvent,
  type JobQueue,
} from '#platform/jobs/index.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

const quietLog = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

function openDb(): Promise<DatabaseHandle> {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  return url ? openScratchPostgres(url) : openTestDatabase(inject('pgliteTemplateDir'));
}

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, ms = 15_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('createJobQueue', () => {
  let database: DatabaseHandle;
  let jobs: JobQueue;
  const progress: JobProgressEvent[] = [];
  const release = deferred();
  let concurrent = 0;
  let maxConcurrent = 0;
  const started = new Set<string>();
  let flakyRuns = 0;

  const enqueue = (queue: string, data: object, options = {}) =>
    inTransaction(database.db, ({ tx }) => jobs.enqueue(tx, queue, data, options));
  const record = (id: string) => findRecord(database.db, id);
  const bossCount = async (queue: string) => {
    const rows = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${queue}`,
      ),
    );
    return rows[0]?.n ?? 0;
  };

  beforeAll(async () => {
    database = await openDb();
    jobs = createJobQueue({
      database,
      log: quietLog,
      work: true,
      pollIntervalMs: 500,
      defaults: { retryDelaySeconds: 1, retryLimit: 0 },
    });
    jobs.register<{ n: number }, { doubled: number }>('double', async ({ data, progress }) => {
      await progress(50, 'halfway');
      return { doubled: data.n * 2 };
    });
    jobs.register(
      'flaky',
      async ({ attempt }) => {
        flakyRuns++;
        throw new Error(`failure ${attempt}`);
      },
      { retryLimit: 1 },
    );
    jobs.register(
      'gated',
      async ({ id }) => {
        started.add(id);
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await release.promise;
        concurrent--;
      },
      { concurrency: 2 },
    );
    jobs.register('until-aborted', ({ id, signal }) => {
      started.add(id);
      return new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    });
    jobs.register('hangs', () => new Promise(() => {}), { timeoutSeconds: 1 });
    jobs.onProgress((e) => {
      progress.push(e);
    });
    await jobs.start();
  });
  afterAll(async () => {
    release.resolve();
    await jobs.stop({ timeoutMs: 1000 });
    await database.close();
  });

  describe('enqueue', () => {
    it('should keep no job when the unit of work rolls back', async () => {
      await expect(
        inTransaction(database.db, async ({ tx }) => {
          await jobs.enqueue(tx, 'double', { n: 1 });
          throw new Error('domain write failed');
        }),
      ).rejects.toThrow('domain write failed');
      expect(await bossCount('double')).toBe(0);
      const rows = rowsOf<{ n: number }>(
        await database.db.execute(sql`SELECT count(*)::int AS n FROM jobs`),
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('should refuse a queue nobody handles', async () => {
      await expect(enqueue('nobody', {})).rejects.toThrow(/no handler/);
    });
  });

  describe('running', () => {
    it('should run a committed job, persist its progress and record its result', async () => {
      const id = (await enqueue('double', { n: 21 }, { ownerId: null }))!;
      expect(await record(id)).toMatchObject({ queue: 'double', progress: 0 });
      const done = await waitFor(async () => {
        const r = await record(id);
        return r?.state === 'completed' && r;
      });
      expect(done).toMatchObject({
        progress: 100,
        message: 'halfway',
        result: { doubled: 42 },
        error: null,
        attempts: 1,
      });
      expect(done.finishedAt).toBeInstanceOf(Date);
      expect(progress).toContainEqual({
        jobId: id,
        queue: 'double',
        ownerId: null,
        progress: 50,
        message: 'halfway',
      });
    });

    it('should retry a failing job with backoff, then record the error and dead-letter it', async () => {
      const id = (await enqueue('flaky', { lesson: 'x' }))!;
      const retrying = await waitFor(async () => {
        const r = await record(id);
        return r?.state === 'retry' && r;
      });
      expect(retrying).toMatchObject({ error: 'failure 1', attempts: 1, maxAttempts: 2 });
      const failed = await waitFor(async () => {
        const r = await record(id);
        return r?.state === 'failed' && r;
      });
      expect(failed).toMatchObject({ error: 'failure 2', attempts: 2 });
      expect(flakyRuns).toBe(2);
      const dead = rowsOf<{ data: unknown }>(
        await database.db.execute(
          sql`SELECT data FROM pgboss.job WHERE name = ${deadLetterQueue('flaky')}`,
        ),
      );
      expect(dead).toEqual([{ data: { lesson: 'x' } }]);
    });

    it('should fail a run that exceeds its timeout', async () => {
      const id = (await enqueue('hangs', {}))!;
      const failed = await waitFor(async () => {
        const r = await record(id);
        return r?.state === 'failed' && r;
      });
      expect(failed.error).toBe('timed out after 1 s');
    });

    it('should run at most `concurrency` jobs of a queue at once', async () => {
      const ids = await Promise.all([1, 2, 3, 4].map((n) => enqueue('gated', { n })));
      await waitFor(async () => started.size >= 2);
      await new Promise((r) => setTimeout(r, 700));
      expect(maxConcurrent).toBe(2);
      release.resolve();
      await waitFor(async () => {
        const records = await Promise.all(ids.map((id) => record(id!)));
        return records.every((r) => r?.state === 'completed');
      });
      expect(maxConcurrent).toBe(2);
    });
  });

  describe('cancel', () => {
    it('should cancel a queued job so that it never runs', async () => {
      const id = (await enqueue(
        'double',
        { n: 1 },
        { startAfter: new Date(Date.now() + 60_000) },
      ))!;
      expect(await jobs.cancel(id)).toBe(true);
      expect(await record(id)).toMatchObject({ state: 'cancelled' });
      expect(await jobs.cancel(id)).toBe(false);
    });

    it('should abort a running handler', async () => {
      const id = (await enqueue('until-aborted', {}))!;
      await waitFor(async () => started.has(id));
      expect(await jobs.cancel(id)).toBe(true);
      await waitFor(async () => jobs.running() === 0);
      const r = await record(id);
      expect(r).toMatchObject({ state: 'cancelled', error: null });
    });

    it('should return false for an unknown job', async () => {
      expect(await jobs.cancel('0190c6a5-0000-7000-8000-000000000000')).toBe(false);
    });
  });
});
