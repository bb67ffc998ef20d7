import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DatabaseHandle, inTransaction } from '#platform/db/index.js';
import { createJobQueue, findRecord, type JobQueue } from '#platform/jobs/index.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

const quietLog = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

function openDb(): Promise<DatabaseHandle> {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  return url ? openScratchPostgres(url) : openTestDatabase(inject('pgliteTemplateDir'));
}

async function waitFor(probe: () => boolean, ms = 15_000) {
  const until = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('JobQueue.stop', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openDb();
  });
  afterAll(() => database.close());

  function queueWith(ms: number, started: Set<string>, signals: AbortSignal[]): JobQueue {
    const jobs = createJobQueue({ database, log: quietLog, work: true, pollIntervalMs: 500 });
    jobs.register('sleepy', async ({ id, signal }) => {
      started.add(id);
      signals.push(signal);
      await new Promise((r) => setTimeout(r, ms));
      return { slept: ms };
    });
    return jobs;
  }

  const enqueue = (jobs: JobQueue) =>
    inTransaction(database.db, ({ tx }) => jobs.enqueue(tx, 'sleepy', {})) as Promise<string>;

  it('should let a running job finish within the timeout', async () => {
    const started = new Set<string>();
    const jobs = queueWith(300, started, []);
    await jobs.start();
    const first = await enqueue(jobs);
    await waitFor(() => started.has(first));
    await jobs.stop({ timeoutMs: 5000 });
    expect(await findRecord(database.db, first)).toMatchObject({
      state: 'completed',
      result: { slept: 300 },
    });
    expect(jobs.running()).toBe(0);
  });

  it('should abort a job still running at the timeout and hand it back to the queue', async () => {
    const started = new Set<string>();
    const signals: AbortSignal[] = [];
    const jobs = queueWith(60_000, started, signals);
    await jobs.start();
    const id = await enqueue(jobs);
    await waitFor(() => started.has(id));
    const t0 = Date.now();
    await jobs.stop({ timeoutMs: 200 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(signals[0]?.aborted).toBe(true);
    expect(await findRecord(database.db, id)).toMatchObject({
      state: 'retry',
      error: 'interrupted by shutdown',
    });

    // Another process (here: a new queue) picks it up again after the backoff.
    const again = new Set<string>();
    const next = queueWith(10, again, []);
    await next.start();
    try {
      await waitFor(() => again.has(id), 20_000);
    } finally {
      await next.stop({ timeoutMs: 2000 });
    }
    expect(await findRecord(database.db, id)).toMatchObject({ state: 'completed', attempts: 2 });
  });
});
