import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import { type Database, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, notFound, unprocessable, validationError } from '#platform/errors/index.js';
import type { JobContext, JobQueue } from '#platform/jobs/index.js';
import type { Realtime } from '#platform/realtime/index.js';
import {
  compile,
  findInfeasibilities,
  type Progress,
  type SolverName,
  toJsonSolution,
} from '../engine/index.js';
import { appendTermEvent } from '../events.js';
import type { SolverPool } from '../runner/solver-pool.js';
import { insertSchedule } from '../schedules/repository.js';
import type { SolveRow } from '../tables.js';
import { loadProblem } from '../terms/problem-store.js';
import { findTerm } from '../terms/repository.js';
import { termNotFound } from '../terms/service.js';
import * as repo from './repository.js';

export const SOLVE_QUEUE = 'timetabling.solve';
/** Progress reaches the row, the job and `solves:<id>` at most this often (the issue: ≤ 500 ms). */
const PROGRESS_EVERY_MS = 250;

export const solveNotFound = () => notFound('Solve', 'SOLVE_NOT_FOUND');

export interface StartSolveInput {
  solver: SolverName;
  timeLimitSeconds: number;
  seed?: number;
  threads?: number;
  fromScheduleId?: string;
  queue?: boolean;
}

export function toSolveDto(s: SolveRow) {
  return {
    id: s.id,
    termId: s.termId,
    jobId: s.jobId,
    solver: s.solver,
    timeLimitSeconds: s.timeLimitSeconds,
    seed: s.seed,
    threads: s.threads,
    fromScheduleId: s.fromScheduleId,
    status: s.status as 'queued' | 'running' | 'completed' | 'cancelled' | 'failed',
    percent: Math.round(s.percent * 10) / 10,
    bestHard: s.bestHard,
    bestSoft: s.bestSoft,
    iterations: s.iterations,
    scheduleId: s.scheduleId,
    error: s.error,
    startedAt: s.startedAt?.toISOString() ?? null,
    finishedAt: s.finishedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}
export type SolveDto = ReturnType<typeof toSolveDto>;

export const solveTopic = (id: string) => `solves:${id}`;

interface Deps {
  db: Database;
  jobs: JobQueue;
  realtime: Pick<Realtime, 'publish'>;
  pool: SolverPool;
}

export function createSolveService({ db, jobs, realtime, pool }: Deps) {
  const get = async (id: string) => {
    const row = isUuid(id) ? await repo.findSolve(db, id) : undefined;
    if (!row) throw solveNotFound();
    return row;
  };

  return {
    get: async (id: string) => toSolveDto(await get(id)),

    async start(auth: Principal, termId: string, input: StartSolveInput) {
      const term = isUuid(termId) ? await findTerm(db, termId) : undefined;
      if (!term) throw termNotFound();
      if (input.threads !== undefined && input.solver !== 'portfolio')
        throw validationError('threads applies to the portfolio solver only', [
          { path: '/body/threads', message: `solver "${input.solver}" runs on one thread` },
        ]);
      if (input.fromScheduleId)
        throw validationError('Starting from a schedule is not supported yet', [
          { path: '/body/fromScheduleId', message: 'not supported yet' },
        ]);
      const loaded = await loadProblem(db, termId);
      if (!loaded || loaded.problem.courses.length === 0)
        throw unprocessable('The term has no courses to schedule', [], 'TERM_EMPTY');
      const reasons = findInfeasibilities(compile(loaded.problem));
      if (reasons.length)
        throw unprocessable(
          `The term cannot have a feasible timetable: ${reasons[0]!.reason}`,
          reasons.map((r) => ({ path: `/courses/${r.course}`, message: r.reason })),
          'TERM_INFEASIBLE',
        );
      const row = await inTransaction(db, async ({ tx }) => {
        const active = await repo.findActiveSolve(tx, termId);
        if (active && !input.queue)
          throw conflict(
            `Solve ${active.id} of this term is still queued or running; send "queue": true to queue behind it`,
            'SOLVE_IN_PROGRESS',
          );
        const solve = await repo.insertSolve(tx, {
          termId,
          solver: input.solver,
          timeLimitSeconds: input.timeLimitSeconds,
          seed: input.seed ?? 1,
          threads: input.threads ?? null,
          createdBy: auth.userId,
          updatedBy: auth.userId,
        });
        const jobId = await jobs.enqueue(
          tx,
          SOLVE_QUEUE,
          { solveId: solve.id },
          { ownerId: auth.userId },
        );
        await repo.updateSolve(tx, solve.id, { jobId });
        await writeAudit(tx, {
          action: 'timetabling.solve.started',
          resourceType: 'timetabling_solve',
          resourceId: solve.id,
          details: { termId, solver: input.solver, timeLimitSeconds: input.timeLimitSeconds },
        });
        return { ...solve, jobId };
      });
      return toSolveDto(row);
    },

    /** Stops a solve: a queued one at once; a running one keeps the best timetable found. */
    async cancel(id: string) {
      const row = await get(id);
      if (row.status !== 'queued' && row.status !== 'running')
        throw conflict(`The solve is already ${row.status}`, 'SOLVE_FINISHED');
      await repo.updateSolve(db, id, {
        status: 'cancelled',
        ...(row.status === 'queued' ? { finishedAt: new Date() } : {}),
      });
      if (row.jobId) await jobs.cancel(row.jobId);
      return toSolveDto(await get(id));
    },

    /** The job: runs the engine in the shared pool, reports progress, stores the schedule. */
    async run(ctx: JobContext<{ solveId: string }>) {
      const solve = await repo.findSolve(db, ctx.data.solveId);
      if (!solve || solve.status === 'cancelled' || solve.status === 'completed') return null;
      const loaded = await loadProblem(db, solve.termId);
      if (!loaded) return null;
      const limitMs = solve.timeLimitSeconds * 1000;
      let last = 0;
      let latest: Progress | null = null;
      let writing: Promise<void> = Promise.resolve();
      const report = (p: Progress) => {
        latest = p;
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        const percent = Math.min(100, (p.elapsedMs / limitMs) * 100);
        const bestHard = Number.isFinite(p.bestHard) ? p.bestHard : null;
        const bestSoft = Number.isFinite(p.bestSoft) ? p.bestSoft : null;
        writing = writing.then(async () => {
          await repo.updateSolve(db, solve.id, {
            percent,
            bestHard,
            bestSoft,
            iterations: p.iterations,
          });
          await ctx.progress(percent, `hard ${bestHard} soft ${bestSoft}`);
          await realtime.publish([solveTopic(solve.id)], {
            type: 'solve.progress',
            subjectType: 'timetabling_solve',
            subjectId: solve.id,
            actorId: null,
            data: { percent, bestHard, bestSoft, iterations: p.iterations, phase: p.phase },
          });
        });
      };
      const result = await pool.solve(loaded.problem, {
        solver: solve.solver as SolverName,
        timeLimitMs: limitMs,
        seed: solve.seed,
        ...(solve.threads ? { threads: solve.threads } : {}),
        signal: ctx.signal,
        onProgress: report,
        onStart: () => {
          writing = writing.then(() =>
            repo.updateSolve(db, solve.id, {
              status: 'running',
              startedAt: new Date(),
              error: null,
            }),
          );
        },
      });
      await writing;
      const now = await repo.findSolve(db, solve.id);
      const cancelled = now?.status === 'cancelled';
      // Aborted without a cancel: the process is stopping; the queue retries the job elsewhere.
      if (ctx.signal.aborted && !cancelled)
        throw new Error('solve interrupted; it will be retried');
      if (!result) {
        await repo.updateSolve(db, solve.id, { finishedAt: new Date() });
        return null;
      }
      const compiled = compile(loaded.problem);
      const doc = toJsonSolution(compiled, result);
      const scheduleId = await inTransaction(db, async ({ tx }) => {
        const schedule = await insertSchedule(tx, {
          termId: solve.termId,
          name: `${solve.solver} seed ${solve.seed}`,
          origin: 'solve',
          solveId: solve.id,
          hard: result.hard,
          soft: result.soft,
          breakdown: result.breakdown,
          meetings: doc.meetings.map((m) => ({
            courseId: loaded.ids.courseId.get(m.course)!,
            meeting: m.meeting,
            slot: m.slot,
            roomId: m.room === null ? null : (loaded.ids.roomId.get(m.room) ?? null),
          })),
          createdBy: solve.createdBy,
        });
        await repo.updateSolve(tx, solve.id, {
          status: cancelled ? 'cancelled' : 'completed',
          percent: cancelled ? (now?.percent ?? 0) : 100,
          bestHard: result.hard,
          bestSoft: result.soft,
          iterations: result.iterations || ((latest as Progress | null)?.iterations ?? 0),
          scheduleId: schedule.id,
          finishedAt: new Date(),
        });
        if (!cancelled)
          await appendTermEvent(tx, 'solve.completed', solve.termId, solve.createdBy, {
            solveId: solve.id,
            scheduleId: schedule.id,
            solver: solve.solver,
            hard: result.hard,
            soft: result.soft,
          });
        return schedule.id;
      });
      await realtime.publish([solveTopic(solve.id)], {
        type: cancelled ? 'solve.cancelled' : 'solve.completed',
        subjectType: 'timetabling_solve',
        subjectId: solve.id,
        actorId: null,
        data: { scheduleId, hard: result.hard, soft: result.soft },
      });
      return { scheduleId, hard: result.hard, soft: result.soft };
    },

    async fail(solveId: string, message: string) {
      await repo.updateSolve(db, solveId, {
        status: 'failed',
        error: message,
        finishedAt: new Date(),
      });
    },
  };
}

export type SolveService = ReturnType<typeof createSolveService>;
