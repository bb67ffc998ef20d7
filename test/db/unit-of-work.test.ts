import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DatabaseHandle,
  inTransaction,
  reportAfterCommitFailures,
  rowsOf,
} from '#platform/db/index.js';
import { openEmptyDatabase } from '../helpers/template-database.js';

describe('inTransaction after-commit tasks', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openEmptyDatabase();
    await database.execScript('CREATE TABLE uow_notes (note text NOT NULL)');
  });
  afterAll(() => database.close());

  const notes = async () =>
    rowsOf<{ note: string }>(await database.db.execute(sql`SELECT note FROM uow_notes`)).map(
      (r) => r.note,
    );

  const writeThenFail = (note: string, ran: string[]) =>
    inTransaction(database.db, async ({ tx, afterCommit }) => {
      await tx.execute(sql`INSERT INTO uow_notes (note) VALUES (${note})`);
      afterCommit(() => {
        throw new Error(`after ${note}`);
      });
      afterCommit(() => {
        ran.push(note);
      });
      return note;
    });

  it('should hand a failure to the reporter of the database, run the other tasks and keep the commit', async () => {
    const reported: unknown[] = [];
    const stop = reportAfterCommitFailures(database.db, (err) => reported.push(err));
    const ran: string[] = [];
    try {
      expect(await writeThenFail('reported', ran)).toBe('reported');
    } finally {
      stop();
    }
    expect(reported.map((e) => (e as Error).message)).toEqual(['after reported']);
    expect(ran).toEqual(['reported']);
    expect(await notes()).toContain('reported');
  });

  it('should throw the failure once every task has run when nobody reports it', async () => {
    const ran: string[] = [];
    await expect(writeThenFail('unreported', ran)).rejects.toThrow('after unreported');
    expect(ran).toEqual(['unreported']);
    expect(await notes()).toContain('unreported');
  });
});
