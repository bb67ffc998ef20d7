import type { Principal } from '#platform/auth/principal.js';
import type { Clock } from '#platform/clock/index.js';
import type { Database } from '#platform/db/index.js';
import { inTransaction } from '#platform/db/unit-of-work.js';
import { forbidden } from '#platform/errors/index.js';
import type { JobContext, JobQueue } from '#platform/jobs/index.js';
import { coderedScore } from '../engine/codered.js';
import * as learners from '../repository.js';
import { isStaff } from './access.js';
import type { NudgeService } from './nudge-service.js';
import { countLearners } from './repository.js';

export const SIMULATION_QUEUE = 'engagement.simulate';

export interface SimulationInput {
  autoNudge: boolean;
  riskThreshold: number;
  cohort?: string;
}

export interface SimulationResult {
  processedLearners: number;
  highRiskCount: number;
  mediumRiskCount: number;
  lowRiskCount: number;
  autoNudgesGenerated: number;
  /** At or above the threshold but at the weekly cap. */
  autoNudgesSkipped: number;
  /** Of the nudges generated, those written by the template. */
  autoNudgesFallback: number;
}

/** Learners read per page; generations run this many at once (the LLM's concurrency). */
const PAGE = 1000;
const CONCURRENCY = 8;

export function createSimulation(deps: {
  db: Database;
  clock: Clock;
  jobs: JobQueue;
  nudges: NudgeService;
}) {
  const { db, clock, jobs, nudges } = deps;
  return {
    /** Enqueues a run; its result is the job's (`GET /api/v1/jobs/:id`). */
    async start(caller: Principal, input: SimulationInput): Promise<{ jobId: string }> {
      if (!isStaff(caller)) throw forbidden('Only staff run simulations');
      const jobId = await inTransaction(db, ({ tx }) =>
        jobs.enqueue(tx, SIMULATION_QUEUE, input, { ownerId: caller.userId }),
      );
      return { jobId: jobId! };
    },

    /** Scores every learner (of the cohort) now and, with `autoNudge`, nudges those at risk. */
    async run(ctx: JobContext<SimulationInput>): Promise<SimulationResult> {
      const { autoNudge, riskThreshold, cohort } = ctx.data;
      const result: SimulationResult = {
        processedLearners: 0,
        highRiskCount: 0,
        mediumRiskCount: 0,
        lowRiskCount: 0,
        autoNudgesGenerated: 0,
        autoNudgesSkipped: 0,
        autoNudgesFallback: 0,
      };
      const total = await countLearners(db, cohort);
      let afterId: string | undefined;
      for (;;) {
        ctx.signal.throwIfAborted();
        const page = await learners.listLearners(db, { cohort, afterId }, PAGE);
        if (page.length === 0) break;
        const now = clock.now();
        const atRisk: string[] = [];
        for (const row of page) {
          const risk = coderedScore(
            {
              completedPercent: row.completedPercent,
              avgQuizScore: row.avgQuizScore,
              consecutiveMissedSessions: row.consecutiveMissedSessions,
              lastLoginAt: row.lastLoginAt,
            },
            now,
          );
          result.processedLearners++;
          if (risk.label === 'high') result.highRiskCount++;
          else if (risk.label === 'medium') result.mediumRiskCount++;
          else result.lowRiskCount++;
          if (autoNudge && risk.score >= riskThreshold) atRisk.push(row.id);
        }
        await inParallel(atRisk, CONCURRENCY, async (learnerId) => {
          const nudge = await nudges.autoNudge(learnerId);
          if (!nudge) result.autoNudgesSkipped++;
          else {
            result.autoNudgesGenerated++;
            if (nudge.gptFallback) result.autoNudgesFallback++;
          }
        });
        afterId = page.at(-1)!.id;
        await ctx.progress(
          Math.floor((100 * result.processedLearners) / Math.max(total, 1)),
          `${result.processedLearners} of ${total} learners`,
        );
        if (page.length < PAGE) break;
      }
      return result;
    },
  };
}

export type Simulation = ReturnType<typeof createSimulation>;

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
