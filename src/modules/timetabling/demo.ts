import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { operatorPrincipal } from '#platform/auth/index.js';
import type { Database } from '#platform/db/index.js';
import type { JobContext, JobQueue } from '#platform/jobs/index.js';
import type { SeedOutcome } from '#platform/module-contract/index.js';
import type { Realtime, TransientEvent } from '#platform/realtime/index.js';
import type { SeedLogger } from '#platform/seed/index.js';
import type { SolverPool } from './runner/solver-pool.js';
import { createScheduleService } from './schedules/service.js';
import { createSolveService, type StartSolveInput } from './solves/service.js';
import { ttTerms } from './tables.js';
import { createTermService } from './terms/service.js';

// The CLI builds its own pool (a process of its own); the engine boundary keeps it from the runner.
export { createSolverPool } from './runner/solver-pool.js';

/** The example term shipped with the repository (`examples/timetabling/`). */
export const EXAMPLE_TERM = fileURLToPath(
  new URL('../../../examples/timetabling/college-autumn-2026.json', import.meta.url),
);
/** Long enough for a presentable timetable, short enough for a first start. */
const DEMO_SOLVE_SECONDS = 5;

/** Work done outside a request (the demo seed, the CLI): no user, every timetabling right. */
export const OPERATOR = operatorPrincipal(['timetables:read', 'timetables:manage']);

export interface InProcessDeps {
  db: Database;
  pool: SolverPool;
  realtime?: Pick<Realtime, 'publish'>;
}

/** What a solve job reports as it goes (the payload of `solve.progress` on `solves:<id>`). */
export interface SolveProgressData {
  percent: number;
  bestHard: number | null;
  bestSoft: number | null;
  iterations: number;
  phase: string;
}

// The job queue is not started at seed time (nor in a CLI process): the solve row is created by
// the service as the API does, without a queued job, and its job handler runs here and now.
const noQueue: JobQueue = {
  register: () => undefined,
  enqueue: async () => null,
  schedule: async () => undefined,
  cancel: async () => false,
  onProgress: () => () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
  running: () => 0,
};

/**
 * Starts a solve of a term through the solve service and runs its job handler in this process;
 * resolves when it is done. `onProgress` sees the progress the job publishes (≤ every 250 ms).
 */
export async function solveInProcess(
  deps: InProcessDeps,
  termId: string,
  input: StartSolveInput,
  onProgress?: (p: SolveProgressData) => void,
  signal: AbortSignal = new AbortController().signal,
) {
  const realtime = {
    publish: async (topics: string[], event: TransientEvent) => {
      if (event.type === 'solve.progress') onProgress?.(event.data as unknown as SolveProgressData);
      return deps.realtime
        ? deps.realtime.publish(topics, event)
        : { ...event, id: '', occurredAt: new Date().toISOString() };
    },
  };
  const solves = createSolveService({ db: deps.db, jobs: noQueue, realtime, pool: deps.pool });
  const started = await solves.start(OPERATOR, termId, input);
  const ctx: JobContext<{ solveId: string }> = {
    id: started.id,
    queue: 'in-process',
    data: { solveId: started.id },
    attempt: 1,
    signal,
    progress: async () => undefined,
  };
  try {
    await solves.run(ctx);
  } catch (err) {
    await solves.fail(started.id, err instanceof Error ? err.message : String(err));
    throw err;
  }
  return solves.get(started.id);
}

/**
 * The demo school's timetable: when there is no term yet, the example term is imported, solved
 * for a few seconds and the result published, so a newcomer finds a timetable at once.
 */
export async function seedTimetablingDemo(
  deps: InProcessDeps,
  log: SeedLogger,
  file = EXAMPLE_TERM,
): Promise<SeedOutcome> {
  const [row] = await deps.db.select({ n: count() }).from(ttTerms);
  if ((row?.n ?? 0) > 0) return { seeded: false, message: 'timetabling: already has terms' };
  const text = await readFile(file, 'utf8');
  const term = await createTermService(deps.db).importNew(OPERATOR, { name: basename(file), text });
  const solve = await solveInProcess(deps, term.id, {
    solver: 'hybrid',
    timeLimitSeconds: DEMO_SOLVE_SECONDS,
  });
  if (!solve.scheduleId)
    return {
      seeded: true,
      message: `timetabling: term "${term.name}" imported, solve ${solve.status}`,
    };
  await createScheduleService(deps.db).publish(solve.scheduleId);
  log.info(
    { termId: term.id, scheduleId: solve.scheduleId, hard: solve.bestHard, soft: solve.bestSoft },
    'demo timetable solved and published',
  );
  return {
    seeded: true,
    message: `timetabling: term "${term.name}" solved (hard ${solve.bestHard}, soft ${solve.bestSoft}) and published`,
  };
}
