import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/principal.js';
import type { Clock } from '#platform/clock/index.js';
import type { Database } from '#platform/db/index.js';
import { isUniqueViolation } from '#platform/db/unique-violation.js';
import { inTransaction } from '#platform/db/unit-of-work.js';
import {
  conflict,
  forbidden,
  notFound,
  unprocessable,
  validationError,
} from '#platform/errors/index.js';
import { decodeIdCursor, encodeCursor, type Page } from '#platform/http/pagination.js';
import type { JobContext, JobQueue } from '#platform/jobs/index.js';
import { CODERED_MODEL } from '../engine/codered.js';
import type { RiskModelKind } from '../engine/model.js';
import * as learners from '../repository.js';
import * as repo from './repository.js';
import type { RiskScorer } from './scorer.js';
import { refusalOf, trainAndEvaluate } from './training.js';
import { loadHistory, selectCourses } from './training-data.js';

export const TRAIN_QUEUE = 'engagement.models.train';
export const SCORE_QUEUE = 'engagement.score';

export interface TrainInput {
  name?: string;
  kind: RiskModelKind;
  trainOn: { courses?: string[]; presentations?: string[] };
  predictAt?: number;
}

export interface TrainJob {
  versionId: string;
  courseIds: string[];
  kind: RiskModelKind;
  predictAt: number;
}

export interface ScoreJob {
  courseId?: string;
  asOf: string;
}

const isStaff = (p: Principal) => p.permissions.has('engagement:manage');
const iso = (d: Date) => d.toISOString();
const PAGE = 500;
const FIRST_ID = '00000000-0000-7000-8000-000000000000';

function versionDto(v: repo.VersionRow) {
  return {
    id: v.id,
    version: v.version,
    status: v.status as 'training' | 'ready' | 'failed',
    predictAt: v.predictAt,
    trainOn: (v.trainOn ?? null) as Record<string, unknown> | null,
    evaluation: (v.evaluation ?? null) as Record<string, unknown> | null,
    error: v.error,
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
  };
}

function modelDto(m: repo.ModelRow, versions: repo.VersionRow[]) {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    active: m.active,
    builtIn: false,
    versions: versions.filter((v) => v.modelId === m.id).map(versionDto),
    createdAt: iso(m.createdAt),
  };
}

export type ModelDto = ReturnType<typeof modelDto>;

const coderedDto = (active: boolean): ModelDto => ({
  id: CODERED_MODEL,
  name: CODERED_MODEL,
  kind: 'formula',
  active,
  builtIn: true,
  versions: [],
  createdAt: new Date(0).toISOString(),
});

export function createModelService(deps: {
  db: Database;
  clock: Clock;
  jobs: JobQueue;
  scorer: RiskScorer;
}) {
  const { db, clock, jobs, scorer } = deps;
  const requireStaff = (caller: Principal) => {
    if (!isStaff(caller)) throw forbidden('Only staff manage risk models');
  };

  async function detail(id: string): Promise<ModelDto> {
    if (id === CODERED_MODEL) return coderedDto(!(await repo.activeVersion(db)));
    const row = await repo.findModel(db, id);
    if (!row) throw notFound('Model', 'MODEL_NOT_FOUND');
    return modelDto(row, await repo.versionsOf(db, [row.id]));
  }

  return {
    detail: async (caller: Principal, id: string) => {
      requireStaff(caller);
      return detail(id);
    },

    /** The built-in formula first (on the first page), then trained models in creation order. */
    async list(
      caller: Principal,
      query: { limit: number; cursor?: string },
    ): Promise<Page<ModelDto>> {
      requireStaff(caller);
      const afterId = query.cursor ? decodeIdCursor(query.cursor) : undefined;
      const room = afterId ? query.limit : query.limit - 1;
      const rows = room > 0 ? await repo.listModels(db, afterId, room + 1) : [];
      const page = rows.slice(0, room);
      const versions = await repo.versionsOf(
        db,
        page.map((r) => r.id),
      );
      const items = page.map((r) => modelDto(r, versions));
      const hasMore =
        room > 0 ? rows.length > room : (await repo.listModels(db, undefined, 1)).length > 0;
      const last = page.at(-1);
      if (!afterId) items.unshift(coderedDto(!(await repo.activeVersion(db))));
      // With room for the formula only, the next page starts before every trained model.
      const after = last?.id ?? FIRST_ID;
      return { items, nextCursor: hasMore ? encodeCursor({ id: after }) : null };
    },

    /** Checks the history can be trained on, then enqueues the training (202 with the job). */
    async train(caller: Principal, input: TrainInput) {
      requireStaff(caller);
      const predictAt = input.predictAt ?? 0.25;
      if (!input.trainOn.courses?.length && !input.trainOn.presentations?.length)
        throw validationError('Name the courses or presentations to train on', [
          { path: '/body/trainOn', message: 'needs courses or presentations' },
        ]);
      const courses = await selectCourses(db, {
        courseIds: input.trainOn.courses,
        presentations: input.trainOn.presentations,
      });
      if (courses.length === 0)
        throw unprocessable(
          'No stored course matches trainOn',
          [{ path: '/body/trainOn', message: 'matches no course' }],
          'NO_TRAINING_COURSES',
        );
      const courseIds = courses.map((c) => c.id);
      const history = await loadHistory(db, courseIds, { outcomes: true });
      const refusal = refusalOf(history.data, predictAt);
      if (refusal)
        throw unprocessable(
          refusal.message,
          [{ path: '/body/trainOn', message: refusal.message }],
          refusal.code,
        );
      const now = clock.now();
      const name =
        input.name ?? `${input.kind}-${now.toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
      return inTransaction(db, async ({ tx }) => {
        let model = await repo.findModelByName(tx, name);
        if (model && model.kind !== input.kind)
          throw conflict(`Model ${name} is a ${model.kind} model`, 'MODEL_KIND_MISMATCH');
        model ??= await repo.insertModel(tx, {
          name,
          kind: input.kind,
          createdBy: caller.userId,
          createdAt: now,
          updatedAt: now,
        });
        const version = await repo.insertVersion(tx, {
          modelId: model.id,
          version: await repo.nextVersion(tx, model.id),
          status: 'training',
          predictAt,
          trainOn: { courses: courseIds, skippedCourses: history.skippedCourses },
          createdAt: now,
          updatedAt: now,
        });
        const jobId = await jobs.enqueue(
          tx,
          TRAIN_QUEUE,
          { versionId: version.id, courseIds, kind: input.kind, predictAt } satisfies TrainJob,
          { ownerId: caller.userId },
        );
        await writeAudit(tx, {
          action: 'engagement.model_training_started',
          resourceType: 'engagement_model',
          resourceId: model.id,
          details: { version: version.version, kind: input.kind, courses: courseIds.length },
        });
        return { model: modelDto(model, [version]), versionId: version.id, jobId: jobId! };
      });
    },

    async runTraining(ctx: JobContext<TrainJob>) {
      const { versionId, courseIds, kind, predictAt } = ctx.data;
      await ctx.progress(10, 'reading the history');
      const history = await loadHistory(db, courseIds, { outcomes: true });
      const refusal = refusalOf(history.data, predictAt);
      if (refusal) {
        await repo.updateVersion(db, versionId, {
          status: 'failed',
          error: refusal.message,
          updatedAt: clock.now(),
        });
        throw new Error(refusal.message);
      }
      await ctx.progress(40, `training on ${history.data.students.length} registrations`);
      try {
        const { model, evaluation } = trainAndEvaluate(history.data, kind, predictAt);
        await ctx.progress(90, 'storing the model and its evaluation');
        await repo.updateVersion(db, versionId, {
          status: 'ready',
          parameters: model,
          evaluation,
          updatedAt: clock.now(),
        });
        return { status: 'ready', auc: evaluation.metrics?.overall.auc ?? null };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await repo.updateVersion(db, versionId, {
          status: 'failed',
          error: message,
          updatedAt: clock.now(),
        });
        throw error;
      }
    },

    async activate(caller: Principal, id: string) {
      requireStaff(caller);
      if (id !== CODERED_MODEL) {
        const row = await repo.findModel(db, id);
        if (!row) throw notFound('Model', 'MODEL_NOT_FOUND');
        const versions = await repo.versionsOf(db, [id]);
        if (!versions.some((v) => v.status === 'ready'))
          throw conflict('The model has no trained version yet', 'MODEL_NOT_READY');
      }
      await inTransaction(db, async ({ tx }) => {
        try {
          await repo.setActive(tx, id === CODERED_MODEL ? null : id, clock.now());
        } catch (error) {
          // Two activations at once: the partial unique index lets one win.
          if (isUniqueViolation(error))
            throw conflict('Another model was activated at the same time', 'ACTIVATION_CONFLICT');
          throw error;
        }
        await writeAudit(tx, {
          action: 'engagement.model_activated',
          resourceType: 'engagement_model',
          resourceId: id === CODERED_MODEL ? null : id,
          details: { model: id },
        });
      });
      return detail(id);
    },

    async startScoring(caller: Principal, input: { courseId?: string; asOf?: string }) {
      requireStaff(caller);
      if (input.courseId && !(await learners.findCourse(db, input.courseId)))
        throw notFound('Course', 'COURSE_NOT_FOUND');
      const asOf = input.asOf ?? clock.now().toISOString();
      const jobId = await inTransaction(db, async ({ tx }) => {
        const id = await jobs.enqueue(
          tx,
          SCORE_QUEUE,
          { courseId: input.courseId, asOf } satisfies ScoreJob,
          {
            ownerId: caller.userId,
          },
        );
        await writeAudit(tx, {
          action: 'engagement.scoring_started',
          resourceType: 'engagement_course',
          resourceId: input.courseId ?? null,
          details: { asOf },
        });
        return id;
      });
      return { jobId: jobId!, asOf };
    },

    /** Scores every learner (of the course) as of `asOf` and stores one snapshot each. */
    async runScoring(ctx: JobContext<ScoreJob>) {
      const asOf = new Date(ctx.data.asOf);
      const counts = { scored: 0, high: 0, medium: 0, low: 0 };
      const total = await repo.countToScore(db, ctx.data.courseId);
      let afterId: string | undefined;
      for (;;) {
        ctx.signal.throwIfAborted();
        const page = await learners.listLearners(
          db,
          { courseId: ctx.data.courseId, afterId },
          PAGE,
        );
        if (page.length === 0) break;
        const scored = await scorer.score(page, { asOf, courseId: ctx.data.courseId });
        await repo.insertSnapshots(
          db,
          scored.map((s, i) => ({
            learnerId: page[i]!.id,
            courseId: s.courseId,
            model: s.risk.model,
            modelVersionId: s.versionId,
            score: s.risk.score,
            label: s.risk.label,
            factors: s.risk.factors,
            asOf,
            createdAt: clock.now(),
          })),
        );
        for (const s of scored) {
          counts.scored++;
          counts[s.risk.label]++;
        }
        await ctx.progress(
          Math.min(99, Math.floor((100 * counts.scored) / Math.max(total, 1))),
          `${counts.scored} of ${total} learners scored`,
        );
        afterId = page.at(-1)!.id;
        if (page.length < PAGE) break;
      }
      return counts;
    },

    async history(caller: Principal, learnerId: string, limit: number) {
      requireStaff(caller);
      if (!(await learners.findLearner(db, learnerId)))
        throw notFound('Learner', 'LEARNER_NOT_FOUND');
      const rows = await repo.snapshotsOf(db, learnerId, limit);
      return rows.map((r) => ({
        id: r.id,
        courseId: r.courseId,
        model: r.model,
        modelVersionId: r.modelVersionId,
        score: r.score,
        label: r.label as 'low' | 'medium' | 'high',
        factors: r.factors as { name: string; contribution: number; value: number | null }[],
        asOf: iso(r.asOf),
      }));
    },
  };
}

export type ModelService = ReturnType<typeof createModelService>;
