import { and, eq } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { ttInstructors, ttRooms, ttTerms } from '../tables.js';
import { loadProblem } from '../terms/problem-store.js';
import type { ImportBase, ImportExtras } from './to-problem.js';

/** Stores what an import carries beyond the engine's problem (time zone, buildings, loads). */
export async function applyImportExtras(tx: Executor, termId: string, extras: ImportExtras) {
  if (extras.timeZone)
    await tx.update(ttTerms).set({ timeZone: extras.timeZone }).where(eq(ttTerms.id, termId));
  for (const [code, building] of Object.entries(extras.buildings))
    await tx
      .update(ttRooms)
      .set({ building })
      .where(and(eq(ttRooms.termId, termId), eq(ttRooms.code, code)));
  for (const [code, maxLoad] of Object.entries(extras.maxLoads))
    await tx
      .update(ttInstructors)
      .set({ maxLoad })
      .where(and(eq(ttInstructors.termId, termId), eq(ttInstructors.code, code)));
}

/** A term as the base a single-entity import keeps the rest of. */
export async function loadImportBase(
  executor: Executor,
  termId: string,
): Promise<ImportBase | undefined> {
  const loaded = await loadProblem(executor, termId);
  if (!loaded) return undefined;
  const [rooms, instructors] = await Promise.all([
    executor
      .select({ code: ttRooms.code, building: ttRooms.building })
      .from(ttRooms)
      .where(eq(ttRooms.termId, termId)),
    executor
      .select({ code: ttInstructors.code, maxLoad: ttInstructors.maxLoad })
      .from(ttInstructors)
      .where(eq(ttInstructors.termId, termId)),
  ]);
  const { problem } = loaded;
  // Stored weekly grids may have periods without a clock time; the engine wants all or none.
  if (problem.time.kind === 'weekly' && problem.time.periodStarts?.some((s) => !s))
    delete problem.time.periodStarts;
  return {
    problem,
    extras: {
      buildings: Object.fromEntries(
        rooms.flatMap((r) => (r.building ? [[r.code, r.building]] : [])),
      ),
      maxLoads: Object.fromEntries(
        instructors.flatMap((i) => (i.maxLoad !== null ? [[i.code, i.maxLoad]] : [])),
      ),
    },
  };
}
