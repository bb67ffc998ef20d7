import { createSolverPool, solveInProcess } from '#modules/timetabling/demo.js';
import type { SolverName } from '#modules/timetabling/engine/index.js';
import { cliConfig } from '../context.js';
import { DB_NOTE, onDatabase } from './timetable-db-shared.js';
import { createProgressLine } from './timetable-progress.js';

export const TERM_SOLVE_NOTE = `With --term, the stored term is solved through the solve job, as POST /terms/:id/solves does, in this process; the schedule is stored and its id printed. ${DB_NOTE}`;

export interface TermSolveOptions {
  solver: SolverName;
  time: number;
  seed: number;
  threads?: number;
  progress: boolean;
}

/** `lectern timetable solve --term <id>`: a solve row and its job, run here with a progress bar. */
export async function solveTerm(termId: string, o: TermSolveOptions): Promise<void> {
  const config = cliConfig();
  await onDatabase('solve', async ({ db }) => {
    const pool = createSolverPool(config.SOLVER_THREADS);
    const limitMs = o.time * 1000;
    let line: ReturnType<typeof createProgressLine> | null = null;
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const solve = await solveInProcess(
        { db, pool },
        termId,
        {
          solver: o.solver,
          timeLimitSeconds: o.time,
          seed: o.seed,
          ...(o.threads !== undefined ? { threads: o.threads } : {}),
        },
        (p) => {
          if (!o.progress) return;
          line ??= createProgressLine(limitMs);
          line.update({
            elapsedMs: (p.percent / 100) * limitMs,
            iterations: p.iterations,
            hard: p.bestHard ?? Number.POSITIVE_INFINITY,
            soft: p.bestSoft ?? Number.POSITIVE_INFINITY,
            bestHard: p.bestHard ?? Number.POSITIVE_INFINITY,
            bestSoft: p.bestSoft ?? Number.POSITIVE_INFINITY,
            phase: p.phase,
          });
        },
        controller.signal,
      ).finally(() => (line as ReturnType<typeof createProgressLine> | null)?.stop());
      console.log(
        `solve ${solve.id} ${solve.status}: schedule ${solve.scheduleId ?? '-'}, hard ${solve.bestHard ?? '-'}, soft ${solve.bestSoft ?? '-'}, ${solve.iterations} iterations`,
      );
      if (!solve.scheduleId || (solve.bestHard ?? 1) > 0) process.exitCode = 1;
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
}
