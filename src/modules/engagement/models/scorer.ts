import type { Clock } from '#platform/clock/index.js';
import type { Executor } from '#platform/db/index.js';
import { CODERED_MODEL, coderedScore, labelOf, type RiskLabel } from '../engine/codered.js';
import { buildFeatures } from '../engine/features.js';
import { parseRiskModel, predictRisk, type RiskModel } from '../engine/model.js';
import type { LearnerRow } from '../repository.js';
import * as repo from './repository.js';
import { loadHistory } from './training-data.js';

/**
 * A learner's risk under one model. For `codered-v1` the factors add up to the score; for a
 * trained model they add up to its calibrated log-odds (the `base` factor is the intercept), and
 * the score is the logistic of that sum.
 */
export interface Risk {
  score: number;
  label: RiskLabel;
  model: string;
  factors: { name: string; contribution: number; value: number | null }[];
}

export interface ActiveModel {
  name: string;
  modelId: string;
  versionId: string;
  model: RiskModel;
}

export interface ScoreOptions {
  asOf?: Date;
  /** Score in this course when the learner is registered in it (else their latest course). */
  courseId?: string;
}

export interface ScoredLearner {
  risk: Risk;
  courseId: string | null;
  versionId: string | null;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const CACHE_SIZE = 500;

const codered = (row: LearnerRow, asOf: Date): Risk =>
  coderedScore(
    {
      completedPercent: row.completedPercent,
      avgQuizScore: row.avgQuizScore,
      consecutiveMissedSessions: row.consecutiveMissedSessions,
      lastLoginAt: row.lastLoginAt,
    },
    asOf,
  );

/**
 * Scores learners with the active model. A trained model scores a course's learners together
 * (its percentile features rank a learner within the course); those scores are cached per course,
 * model version and day, keyed by a fingerprint of the course's activity and registrations, so
 * that new or voided activity invalidates them. Learners with no course a trained model can score
 * in (no start date or length) get `codered-v1`.
 */
export function createRiskScorer({ db, clock }: { db: Executor; clock: Clock }) {
  const models = new Map<string, RiskModel>();
  const cache = new Map<string, Map<string, Risk>>();

  async function active(): Promise<ActiveModel | null> {
    const row = await repo.activeVersion(db);
    if (!row?.version.parameters) return null;
    let model = models.get(row.version.id);
    if (!model) {
      model = parseRiskModel(JSON.stringify(row.version.parameters));
      models.set(row.version.id, model);
    }
    return { name: row.model.name, modelId: row.model.id, versionId: row.version.id, model };
  }

  async function courseScores(course: repo.ScorableCourse, act: ActiveModel, asOf: Date) {
    const start = new Date(`${course.startDate}T00:00:00Z`);
    const elapsed = Math.floor((asOf.getTime() - start.getTime()) / 86_400_000);
    const day = Math.min(course.lengthDays, Math.max(0, elapsed));
    const fingerprint = await repo.courseFingerprint(db, course.courseId);
    const key = `${course.courseId}|${act.versionId}|${day}|${fingerprint}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const history = await loadHistory(db, [course.courseId], { outcomes: false });
    const scores = new Map<string, Risk>();
    for (const r of history.data.registrations)
      if (r.unregisteredDay !== null && r.unregisteredDay <= day)
        scores.set(r.studentId, {
          score: 1,
          label: 'high',
          model: act.name,
          factors: [{ name: 'withdrawn', contribution: 1, value: r.unregisteredDay }],
        });
    for (const f of buildFeatures(history.data, () => day)) {
      const p = predictRisk(act.model, { module: f.module, values: f.values });
      const factors = [...p.factors]
        .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
        .map((x) => ({ name: x.name, contribution: x.contribution, value: x.value }));
      const score = round3(p.probability);
      scores.set(f.studentId, {
        score,
        label: labelOf(score),
        model: act.name,
        factors: [{ name: 'base', contribution: p.base, value: null }, ...factors],
      });
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, scores);
    return scores;
  }

  return {
    active,

    async score(rows: readonly LearnerRow[], options: ScoreOptions = {}): Promise<ScoredLearner[]> {
      const asOf = options.asOf ?? clock.now();
      const act = await active();
      if (!act)
        return rows.map((row) => ({ risk: codered(row, asOf), courseId: null, versionId: null }));
      const courseOf = new Map<string, repo.ScorableCourse>();
      for (const c of await repo.scorableCourses(
        db,
        rows.map((r) => r.id),
      )) {
        const current = courseOf.get(c.learnerId);
        const locked = options.courseId !== undefined && current?.courseId === options.courseId;
        const preferred =
          options.courseId === c.courseId ||
          (!locked && (!current || c.startDate > current.startDate));
        if (preferred) courseOf.set(c.learnerId, c);
      }
      const byCourse = new Map<string, Map<string, Risk>>();
      for (const c of courseOf.values())
        if (!byCourse.has(c.courseId)) byCourse.set(c.courseId, await courseScores(c, act, asOf));
      return rows.map((row) => {
        const courseId = courseOf.get(row.id)?.courseId;
        const risk = courseId ? byCourse.get(courseId)?.get(row.id) : undefined;
        if (!risk || !courseId)
          return { risk: codered(row, asOf), courseId: null, versionId: null };
        return { risk, courseId, versionId: act.versionId };
      });
    },
  };
}

export type RiskScorer = ReturnType<typeof createRiskScorer>;
export { CODERED_MODEL };
