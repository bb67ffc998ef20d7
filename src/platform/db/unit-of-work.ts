import type { Database, Transaction } from './types.js';

export interface UnitOfWork {
  /** The transaction every repository call of this use case must use. */
  tx: Transaction;
  /** Runs after the transaction commits (never on rollback): cache invalidation, notifications. */
  afterCommit(task: () => void | Promise<void>): void;
}

type AfterCommitErrorHandler = (error: unknown) => void;

const reporters = new WeakMap<Database, AfterCommitErrorHandler>();

/**
 * Where the after-commit failures of units of work on `db` go (the app logs them, in the async
 * context of the request, so the line carries its id). Returns the function that stops it.
 */
export function reportAfterCommitFailures(
  db: Database,
  report: AfterCommitErrorHandler,
): () => void {
  reporters.set(db, report);
  return () => {
    if (reporters.get(db) === report) reporters.delete(db);
  };
}

/**
 * Runs a use case's writes in one transaction. Either everything it wrote commits, or nothing
 * does; `afterCommit` tasks run only once the data is durable. Never touch the root `db` inside
 * `work`: on PGlite (one connection) that waits forever.
 *
 * A failing task does not undo the commit, nor stop the other tasks: it goes to
 * `onAfterCommitError`, else to the reporter of `db`; with neither, the first failure is thrown
 * once every task has run, so that it is never lost.
 */
export async function inTransaction<T>(
  db: Database,
  work: (uow: UnitOfWork) => Promise<T>,
  onAfterCommitError?: AfterCommitErrorHandler,
): Promise<T> {
  const tasks: Array<() => void | Promise<void>> = [];
  const result = await db.transaction(async (tx) =>
    work({ tx: tx as Transaction, afterCommit: (task) => tasks.push(task) }),
  );
  const report = onAfterCommitError ?? reporters.get(db);
  const unreported: unknown[] = [];
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      if (report) report(error);
      else unreported.push(error);
    }
  }
  if (unreported.length > 0) throw unreported[0];
  return result;
}
