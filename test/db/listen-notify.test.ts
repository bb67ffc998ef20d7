import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#platform/db/index.js';
import { openEmptyDatabase } from '../helpers/template-database.js';

describe('DatabaseHandle listen/notify', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openEmptyDatabase();
  });
  afterAll(() => database.close());

  it('should deliver notifications to listeners until they stop', async () => {
    const got: string[] = [];
    const stop = await database.listen('lectern_test', (p) => got.push(p));
    await database.notify('lectern_test', 'one');
    await expect.poll(() => got, { timeout: 5000 }).toEqual(['one']);
    await stop();
    await database.notify('lectern_test', 'two');
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual(['one']);
  });
});
