import type { Database, Transaction } from './types.js';

export interface UnitOfWork {
  /** The transaction every repository call of this use case must use. */
  tx: Transaction;
  /** Runs after the transaction commits (never on rollback): cache invalidation, notifications. */
  afterCommit(task: () => void | Promise<void>): void;
}

/**
 * Runs a use case's writes in one transaction. Either everything it wrote commits, or nothing
 * does; `afterCommit` tasks run only once the data is durable. Never touch the root `db` inside
 * `work`: on PGlite (one connection) that waits forever.
 */
export async function inTransaction<T>(
  db: Database,
  work: (uow: UnitOfWork) => Promise<T>,
  onAfterCommitError?: (error: unknown) => void,
): Promise<T> {
  const tasks: Array<() => void | Promise<void>> = [];
  const result = await db.transaction(async (tx) =>
    work({ tx: tx as Transaction, afterCommit: (task) => tasks.push(task) }),
  );
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      onAfterCommitError?.(error);
    }
  }
  return result;
}
