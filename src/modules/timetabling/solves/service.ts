import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import { type Database, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, notFound, unprocessable, validationError } from '#platform/errors/index.js';
import type { JobContext, JobQueue } from '#platform/jobs/index.js';
import type { Realtime } from '#platform/realtime/index.js';
import {
  compile,
  evaluate,
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
import {
  previousMeetings,
  type ReSolveSummary,
  requireFromSchedule,
  reSolveSummary,
} from './from-schedule.js';
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
  perturbationWeight?: number;
  queue?: boolean;
}

/** The job's data: the solve, and for a re-solve the weight of one moved meeting. */
export interface SolveJobData {
  solveId: string;
  perturbationWeight?: number;
}

const DEFAULT_PERTURBATION_WEIGHT = 10;

export function toSolveDto(s: SolveRow, reSolve: ReSolveSummary | null = null) {
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
    reSolve,
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
    get: async (id: string) => {
      const row = await get(id);
      return toSolveDto(row, await reSolveSummary(db, row));
    },

    async start(auth: Principal, termId: string, input: StartSolveInput) {
      const term = isUuid(termId) ? await findTerm(db, termId) : undefined;
      if (!term) throw termNotFound();
      if (input.threads !== undefined && input.solver !== 'portfolio')
        throw validationError('threads applies to the portfolio solver only', [
          { path: '/body/threads', message: `solver "${input.solver}" runs on one thread` },
        ]);
      if (input.perturbationWeight !== undefined && !input.fromScheduleId)
        throw validationError('perturbationWeight applies to a re-solve only', [
          { path: '/body/perturbationWeight', message: 'send fromScheduleId with it' },
        ]);
      if (input.fromScheduleId) await requireFromSchedule(db, termId, input.fromScheduleId);
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
          fromScheduleId: input.fromScheduleId ?? null,
          createdBy: auth.userId,
          updatedBy: auth.userId,
        });
        const data: SolveJobData = {
          solveId: solve.id,
          ...(input.fromScheduleId
            ? { perturbationWeight: input.perturbationWeight ?? DEFAULT_PERTURBATION_WEIGHT }
            : {}),
        };
        const jobId = await jobs.enqueue(tx, SOLVE_QUEUE, data, { ownerId: auth.userId });
        await repo.updateSolve(tx, solve.id, { jobId });
        await writeAudit(tx, {
          action: 'timetabling.solve.started',
          resourceType: 'timetabling_solve',
          resourceId: solve.id,
          details: {
            termId,
            solver: input.solver,
            timeLimitSeconds: input.timeLimitSeconds,
            fromScheduleId: input.fromScheduleId ?? null,
          },
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

    /**
     * The job: runs the engine in the shared pool, reports progress, stores the schedule. With
     * `fromScheduleId` it is a minimal-perturbation re-solve from that schedule (one worker
     * thread), stored with origin `resolve`; the job's result counts the moved meetings.
     */
    async run(ctx: JobContext<SolveJobData>) {
      const solve = await repo.findSolve(db, ctx.data.solveId);
      if (!solve || solve.status === 'cancelled' || solve.status === 'completed') return null;
      const loaded = await loadProblem(db, solve.termId);
      if (!loaded) return null;
      const from = solve.fromScheduleId
        ? await previousMeetings(db, solve.fromScheduleId, loaded.ids)
        : null;
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
        ...(from
          ? {
              reSolve: {
                previous: from.previous,
                perturbationWeight: ctx.data.perturbationWeight ?? DEFAULT_PERTURBATION_WEIGHT,
              },
            }
          : {}),
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
      // A re-solve's own cost includes its perturbation term; the schedule is stored without it,
      // so that it compares with any other schedule of the term.
      const cost = from ? evaluate(compiled, result.assignment, 0) : result;
      const hard = Math.round(cost.hard);
      const soft = Math.round(cost.soft);
      const scheduleId = await inTransaction(db, async ({ tx }) => {
        const schedule = await insertSchedule(tx, {
          termId: solve.termId,
          name: from ? `${from.name} (re-solved)` : `${solve.solver} seed ${solve.seed}`,
          origin: from ? 'resolve' : 'solve',
          solveId: solve.id,
          hard,
          soft,
          breakdown: cost.breakdown,
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
          bestHard: hard,
          bestSoft: soft,
          iterations: result.iterations || ((latest as Progress | null)?.iterations ?? 0),
          scheduleId: schedule.id,
          finishedAt: new Date(),
        });
        if (!cancelled)
          await appendTermEvent(tx, 'solve.completed', solve.termId, solve.createdBy, {
            solveId: solve.id,
            scheduleId: schedule.id,
            solver: solve.solver,
            hard,
            soft,
          });
        return schedule.id;
      });
      await realtime.publish([solveTopic(solve.id)], {
        type: cancelled ? 'solve.cancelled' : 'solve.completed',
        subjectType: 'timetabling_solve',
        subjectId: solve.id,
        actorId: null,
        data: { scheduleId, hard, soft },
      });
      if (!from) return { scheduleId, hard, soft };
      return {
        scheduleId,
        hard,
        soft,
        fromScheduleId: solve.fromScheduleId,
        moved: result.moved ?? 0,
        displaced: result.displaced ?? 0,
      };
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
