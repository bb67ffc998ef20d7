import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blockedUntil, recordAttempt } from '#platform/auth/repository.js';
import { MAX_BLOCK_SECONDS, type ThrottlePolicy } from '#platform/auth/throttle.js';
import type { DatabaseHandle } from '#platform/db/index.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

// The backoff formula lives in one place, the SQL of `recordAttempt`; this pins it down.
let database: DatabaseHandle;
beforeAll(async () => {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  database = url
    ? await openScratchPostgres(url)
    : await openTestDatabase(inject('pgliteTemplateDir'));
});
afterAll(() => database.close());

const policy: ThrottlePolicy = {
  free: 5,
  maxBlockSeconds: MAX_BLOCK_SECONDS,
  resetAfterSeconds: 3600,
};

/** The block the `failures`-th failure of a counter sets, in seconds (0: none). */
async function blockAfter(failures: number): Promise<number> {
  const key = `backoff-test:${failures}`;
  if (failures > 1) {
    // Start from a counter that has `failures - 1` failures and is not blocked.
    await database.query(
      'insert into login_failures (key, failures, last_failed_at) values ($1, $2, now())',
      [key, failures - 1],
    );
  }
  expect(await recordAttempt(database.db, key, policy)).toBe(true);
  if (!(await blockedUntil(database.db, key))) return 0;
  const [row] = await database.query<{ seconds: number }>(
    'select extract(epoch from blocked_until - last_failed_at)::float8 as seconds from login_failures where key = $1',
    [key],
  );
  return Math.round(row!.seconds);
}

describe('recordAttempt backoff', () => {
  it('should not block within the allowance', async () => {
    for (const failures of [1, 2, 3, 4]) expect(await blockAfter(failures)).toBe(0);
  });

  it('should double the block with each further failure, up to 15 minutes', async () => {
    const blocks = [];
    for (const failures of [5, 6, 7, 8]) blocks.push(await blockAfter(failures));
    expect(blocks).toEqual([1, 2, 4, 8]);
    expect(await blockAfter(15)).toBe(900);
    expect(await blockAfter(100)).toBe(MAX_BLOCK_SECONDS);
  });
});
