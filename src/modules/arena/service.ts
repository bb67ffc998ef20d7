import {
  compile,
  FEATURE_NAMES,
  generateWorkload,
  insertProblem,
  insertTerm,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
  type SolveResult,
  type SolverName,
  type SolverPool,
  termFeatures,
  termTimeColumns,
} from '#modules/timetabling/index.js';
import type { Principal } from '#platform/auth/index.js';
import { type Database, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, notFound, validationError } from '#platform/errors/index.js';
import type { JobContext, JobQueue } from '#platform/jobs/index.js';
import type { Realtime } from '#platform/realtime/index.js';
import * as repo from './repository.js';
import { best, leaderboard, rankAndGap } from './scoring.js';
import { leaveOneOut, predict, trainKnn } from './selector.js';
import type { ArenaRunRow, ArenaWorkloadRow } from './tables.js';

export const ARENA_QUEUE = 'arena.workload';
export const ARENA_TOPIC = 'arena';
export const FIXED_SOLVERS: readonly SolverName[] = [
  'greedy',
  'annealing',
  'tabu',
  'hybrid',
  'portfolio',
];
export const COMPETITORS = [...FIXED_SOLVERS, 'learned', 'oracle'] as const;
/** The learned selector's choice before the arena has any history. */
const FALLBACK: SolverName = 'hybrid';
/** Every competitor solves with this seed, so a workload's runs differ only by solver. */
const SOLVE_SEED = 1;

export interface StartArenaInput {
  preset?: PresetName;
  budgetSeconds: number;
  competitors?: string[];
  seed?: number;
}

export const runNotFound = () => notFound('Arena run', 'ARENA_RUN_NOT_FOUND');

export function toRunDto(r: ArenaRunRow) {
  return {
    id: r.id,
    workloadId: r.workloadId,
    competitor: r.competitor,
    solver: r.solver,
    hard: r.hard,
    soft: r.soft,
    timeToFeasibleMs: r.timeToFeasibleMs,
    elapsedMs: r.elapsedMs,
    cpuSeconds: r.cpuSeconds,
    iterations: r.iterations,
    evaluationsPerSecond: r.evaluationsPerSecond,
    gap: r.gap,
    rank: r.rank,
    createdAt: r.createdAt.toISOString(),
  };
}

const toWorkloadDto = (w: ArenaWorkloadRow) => ({
  id: w.id,
  position: w.position,
  preset: w.preset,
  seed: w.seed,
  termId: w.termId,
  budgetSeconds: w.budgetSeconds,
  status: w.status as 'running' | 'completed',
  selected: w.selected,
  finishedAt: w.finishedAt?.toISOString() ?? null,
});

interface Deps {
  db: Database;
  jobs: JobQueue;
  realtime: Pick<Realtime, 'publish'>;
  pool: SolverPool;
}

/** Leaderboards by window, dropped whenever a workload completes in this process. */
const leaderboardCache = new WeakMap<Database, Map<string, ReturnType<typeof leaderboard>>>();

export function createArenaService({ db, jobs, realtime, pool }: Deps) {
  const cache = leaderboardCache.get(db) ?? new Map<string, ReturnType<typeof leaderboard>>();
  leaderboardCache.set(db, cache);

  const publish = (type: string, subjectId: string, data: Record<string, unknown>) =>
    realtime.publish([ARENA_TOPIC], { type, subjectType: 'arena', subjectId, actorId: null, data });

  async function status() {
    const st = await repo.findState(db);
    const current = st?.currentWorkloadId
      ? await repo.findWorkload(db, st.currentWorkloadId)
      : undefined;
    const runs = current ? await repo.runsOf(db, [current.id]) : [];
    return {
      state: (st?.state ?? 'stopped') as 'running' | 'paused' | 'stopped',
      preset: st?.preset ?? null,
      budgetSeconds: st?.budgetSeconds ?? null,
      seed: st?.seed ?? null,
      workloadsDone: st?.workloadsDone ?? 0,
      currentWorkload: current ? toWorkloadDto(current) : null,
      competitors: (st?.competitors ?? []).map((competitor) => {
        const run = runs.find((r) => r.competitor === competitor);
        return {
          competitor,
          status: (run ? 'done' : current ? 'solving' : 'idle') as 'done' | 'solving' | 'idle',
          hard: run?.hard ?? null,
          soft: run?.soft ?? null,
        };
      }),
    };
  }

  /** Transitions under the state row's lock; `enqueue` queues a workload job when none is. */
  async function transition(
    check: (state: string | undefined) => void,
    next: 'running' | 'paused' | 'stopped',
  ) {
    await inTransaction(db, async ({ tx }) => {
      const st = await repo.findState(tx, true);
      check(st?.state);
      const changes: Parameters<typeof repo.updateState>[1] = { state: next };
      if (next === 'running' && !st?.jobId) changes.jobId = await jobs.enqueue(tx, ARENA_QUEUE, {});
      await repo.updateState(tx, changes);
    });
    return status();
  }

  async function history(limit?: number) {
    const workloads = await repo.recentWorkloads(db, limit);
    const runs = await repo.runsOf(
      db,
      workloads.map((w) => w.id),
    );
    return workloads.map((w) => ({
      ...toWorkloadDto(w),
      runs: runs.filter((r) => r.workloadId === w.id).map(toRunDto),
    }));
  }

  async function board(window?: number) {
    const key = String(window ?? 'all');
    const hit = cache.get(key);
    if (hit) return hit;
    const h = await history(window);
    const rows = leaderboard(
      h.map((w) =>
        w.runs.map((r) => ({ ...r, gap: r.gap ?? 1, rank: r.rank ?? r.competitor.length })),
      ),
    );
    cache.set(key, rows);
    return rows;
  }

  /** The k-NN selector over every completed workload: features → the best fixed solver. */
  async function selector() {
    const workloads = await repo.recentWorkloads(db);
    const ids = workloads.map((w) => w.id);
    const [runs, features] = await Promise.all([repo.runsOf(db, ids), repo.featuresOf(db, ids)]);
    const examples = workloads.flatMap((w) => {
      const top = best(
        runs.filter(
          (r) => r.workloadId === w.id && FIXED_SOLVERS.includes(r.competitor as SolverName),
        ),
      );
      if (!top) return [];
      const f = new Map(
        features.filter((x) => x.workloadId === w.id).map((x) => [x.name, x.value]),
      );
      return [{ features: FEATURE_NAMES.map((n) => f.get(n) ?? 0), best: top.competitor }];
    });
    return trainKnn(examples);
  }

  async function solveOne(
    problem: Parameters<SolverPool['solve']>[0],
    solver: SolverName,
    budgetSeconds: number,
    signal: AbortSignal,
  ) {
    const threads = solver === 'portfolio' ? pool.size : 1;
    const result = await pool.solve(problem, {
      solver,
      timeLimitMs: budgetSeconds * 1000,
      seed: SOLVE_SEED,
      ...(solver === 'portfolio' ? { threads } : {}),
      signal,
    });
    return result ? { result, threads } : null;
  }

  const runValues = (
    workloadId: string,
    competitor: string,
    solver: string,
    r: SolveResult,
    threads: number,
  ) => ({
    workloadId,
    competitor,
    solver,
    hard: r.hard,
    soft: r.soft,
    timeToFeasibleMs:
      r.trajectory.find((p) => p.hard === 0)?.elapsedMs ?? (r.hard === 0 ? r.elapsedMs : null),
    elapsedMs: r.elapsedMs,
    cpuSeconds: (r.elapsedMs / 1000) * threads,
    iterations: r.iterations,
    evaluationsPerSecond: r.evaluationsPerSecond,
  });

  return {
    status,
    history,
    leaderboard: board,
    selector,

    /** The selector as it stands: its training size and leave-one-out validation. */
    async selectorSummary() {
      const model = await selector();
      const classes: Record<string, number> = {};
      for (const e of model.examples) classes[e.best] = (classes[e.best] ?? 0) + 1;
      return {
        model: 'knn' as const,
        k: model.k,
        features: [...FEATURE_NAMES],
        trainingSize: model.examples.length,
        classes,
        validation: {
          method: 'leave-one-out' as const,
          ...leaveOneOut(model.examples, model.k, FALLBACK),
        },
      };
    },

    async start(auth: Principal, input: StartArenaInput) {
      const competitors = input.competitors ?? [...COMPETITORS];
      const details = competitors.flatMap((c, i) =>
        (COMPETITORS as readonly string[]).includes(c) && competitors.indexOf(c) === i
          ? []
          : [
              {
                path: `/body/competitors/${i}`,
                message: `"${c}" is not a competitor or is repeated (one of ${COMPETITORS.join(', ')})`,
              },
            ],
      );
      if (details.length) throw validationError('Unknown or repeated competitors', details);
      if (!competitors.some((c) => FIXED_SOLVERS.includes(c as SolverName)))
        throw validationError('The arena needs at least one solver', [
          {
            path: '/body/competitors',
            message: `name at least one of ${FIXED_SOLVERS.join(', ')}`,
          },
        ]);
      await inTransaction(db, async ({ tx }) => {
        const st = await repo.findState(tx, true);
        if (st?.state === 'running' || st?.state === 'paused')
          throw conflict(`The arena is ${st.state}; stop it before starting again`, 'ARENA_ACTIVE');
        const jobId =
          st?.jobId ?? (await jobs.enqueue(tx, ARENA_QUEUE, {}, { ownerId: auth.userId }));
        await repo.saveState(tx, {
          state: 'running',
          preset: input.preset ?? null,
          budgetSeconds: input.budgetSeconds,
          competitors,
          seed: input.seed ?? 1,
          workloadsDone: st?.workloadsDone ?? 0,
          currentWorkloadId: null,
          jobId,
          startedBy: auth.userId,
        });
      });
      return status();
    },

    pause: () =>
      transition((s) => {
        if (s !== 'running')
          throw validationError(
            'The arena is not running',
            [{ path: '/state', message: `the arena is ${s ?? 'stopped'}` }],
            'ARENA_NOT_RUNNING',
          );
      }, 'paused'),
    resume: () =>
      transition((s) => {
        if (s !== 'paused')
          throw validationError(
            'The arena is not paused',
            [{ path: '/state', message: `the arena is ${s ?? 'stopped'}` }],
            'ARENA_NOT_PAUSED',
          );
      }, 'running'),
    stop: () =>
      transition((s) => {
        if (s !== 'running' && s !== 'paused')
          throw conflict('The arena is already stopped', 'ARENA_STOPPED');
      }, 'stopped'),

    async getRun(id: string) {
      const row = isUuid(id) ? await repo.findRun(db, id) : undefined;
      if (!row) throw runNotFound();
      return toRunDto(row);
    },

    /** The job: one workload solved by every competitor; queues the next while running. */
    async runWorkload(ctx: JobContext<Record<string, never>>) {
      const st = await repo.findState(db);
      if (st?.state !== 'running') {
        await repo.updateState(db, { jobId: null });
        return null;
      }
      const position = st.workloadsDone;
      const stale = await repo.findWorkloadAt(db, position);
      // A workload interrupted by a restart is solved again from scratch.
      if (stale) await repo.deleteWorkload(db, stale.id);
      const preset = (st.preset ?? PRESET_NAMES[position % PRESET_NAMES.length]!) as PresetName;
      const seed = st.seed + position;
      const problem = generateWorkload(
        PRESETS[preset],
        seed,
        `arena #${position} ${preset} seed ${seed}`,
      );
      const features = termFeatures(compile(problem));
      const wantsLearned = st.competitors.includes('learned');
      const selected = wantsLearned
        ? (predict(
            await selector(),
            FEATURE_NAMES.map((n) => features[n]),
            FALLBACK,
          ) as SolverName)
        : null;
      const workload = await inTransaction(db, async ({ tx }) => {
        const term = await insertTerm(tx, {
          name: problem.name,
          ...termTimeColumns(problem.time),
          sourceFormat: 'json',
          createdBy: st.startedBy,
          updatedBy: st.startedBy,
        });
        await insertProblem(tx, term.id, problem);
        const w = await repo.insertWorkload(
          tx,
          { position, preset, seed, termId: term.id, budgetSeconds: st.budgetSeconds, selected },
          features,
        );
        await repo.updateState(tx, { currentWorkloadId: w.id });
        return w;
      });

      const fixed = FIXED_SOLVERS.filter((s) => st.competitors.includes(s));
      const solvers = selected && !fixed.includes(selected) ? [...fixed, selected] : fixed;
      const solved = new Map<SolverName, { result: SolveResult; threads: number }>();
      await Promise.all(
        solvers.map(async (solver) => {
          const r = await solveOne(problem, solver, st.budgetSeconds, ctx.signal);
          if (!r) return;
          solved.set(solver, r);
          if (!fixed.includes(solver)) return;
          const row = await repo.insertRun(
            db,
            runValues(workload.id, solver, solver, r.result, r.threads),
          );
          await publish('arena.run', row.id, toRunDto(row));
        }),
      );
      if (ctx.signal.aborted || solved.size < solvers.length)
        throw new Error('arena workload interrupted; it will be solved again');

      const extra: Array<ReturnType<typeof runValues>> = [];
      if (selected) {
        const s = solved.get(selected)!;
        extra.push(runValues(workload.id, 'learned', selected, s.result, s.threads));
      }
      if (st.competitors.includes('oracle')) {
        const top = best(
          fixed.map((s) => ({
            competitor: s,
            hard: solved.get(s)!.result.hard,
            soft: solved.get(s)!.result.soft,
          })),
        )!;
        const s = solved.get(top.competitor as SolverName)!;
        extra.push(runValues(workload.id, 'oracle', top.competitor, s.result, s.threads));
      }
      const next = await inTransaction(db, async ({ tx }) => {
        for (const v of extra) await repo.insertRun(tx, v);
        const runs = await repo.runsOf(tx, [workload.id]);
        for (const r of rankAndGap(runs))
          await repo.updateRun(tx, r.id, { gap: r.gap, rank: r.rank });
        await repo.updateWorkload(tx, workload.id, { status: 'completed', finishedAt: new Date() });
        const now = await repo.findState(tx, true);
        const jobId = now?.state === 'running' ? await jobs.enqueue(tx, ARENA_QUEUE, {}) : null;
        await repo.updateState(tx, { workloadsDone: position + 1, currentWorkloadId: null, jobId });
        return jobId;
      });
      cache.clear();
      const [done] = await history(1);
      await publish('arena.workload', workload.id, { workload: done, leaderboard: await board() });
      return { workloadId: workload.id, position, next };
    },
  };
}

export type ArenaService = ReturnType<typeof createArenaService>;
