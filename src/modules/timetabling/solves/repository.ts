import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { type SolveRow, ttSolves } from '../tables.js';

export async function insertSolve(tx: Executor, values: typeof ttSolves.$inferInsert) {
  const [row] = await tx.insert(ttSolves).values(values).returning();
  return row!;
}

export async function findSolve(executor: Executor, id: string): Promise<SolveRow | undefined> {
  const [row] = await executor.select().from(ttSolves).where(eq(ttSolves.id, id));
  return row;
}

/** A term's solve that is queued or running, if any. */
export async function findActiveSolve(executor: Executor, termId: string) {
  const [row] = await executor
    .select({ id: ttSolves.id })
    .from(ttSolves)
    .where(and(eq(ttSolves.termId, termId), inArray(ttSolves.status, ['queued', 'running'])))
    .limit(1);
  return row;
}

export async function updateSolve(
  executor: Executor,
  id: string,
  changes: Partial<typeof ttSolves.$inferInsert>,
) {
  await executor.update(ttSolves).set(changes).where(eq(ttSolves.id, id));
}
