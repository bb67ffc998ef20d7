import { sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { type ActivityInput, recordActivity } from '../activity.js';
import type { OuladData } from '../engine/records.js';
import {
  engagementCourses,
  engagementLearners,
  engagementOutcomes,
  engagementRegistrations,
} from '../tables.js';

export const OULAD_SOURCE = 'oulad';
const BATCH = 1000;
const DAY_MS = 86_400_000;

export interface OuladImportResult {
  courses: number;
  learners: number;
  registrations: number;
  activity: { inserted: number; duplicates: number };
  outcomes: number;
  /** Rows not imported, and why (e.g. a result for an assessment of no known presentation). */
  skipped: string[];
}

/**
 * OULAD gives days from the start of a presentation, not dates. By the dataset's convention a
 * `YYYYB` presentation starts in February and `YYYYJ` in October; the first of the month is used.
 */
export function presentationStart(code: string): string | null {
  const m = code.match(/^(\d{4})([BJ])$/);
  if (!m) return null;
  return `${m[1]}-${m[2] === 'B' ? '02' : '10'}-01`;
}

const dayOf = (start: string, days: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS);

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * Imports OULAD records inside the caller's transaction: presentations → courses (with a start
 * date), students → learners, registrations, assessment results → activity (kind `assessment`),
 * final_result → outcomes. Re-importing updates rather than duplicates. Demographics other than
 * gender, age band and disability have no column here and are not stored; clicks are not imported.
 */
export async function importOulad(tx: Executor, data: OuladData): Promise<OuladImportResult> {
  const skipped: string[] = [];
  const courseIds = new Map<string, { id: string; start: string; length: number }>();
  for (const p of data.presentations) {
    const start = presentationStart(p.presentation);
    if (!start) {
      skipped.push(`presentation ${p.module} ${p.presentation}: not a YYYYB or YYYYJ code`);
      continue;
    }
    const [row] = await tx
      .insert(engagementCourses)
      .values({
        externalSource: OULAD_SOURCE,
        moduleCode: p.module,
        presentationCode: p.presentation,
        title: `${p.module} ${p.presentation}`,
        startDate: start,
        lengthDays: p.lengthDays,
      })
      .onConflictDoUpdate({
        target: [
          engagementCourses.externalSource,
          engagementCourses.moduleCode,
          engagementCourses.presentationCode,
        ],
        set: { startDate: start, lengthDays: p.lengthDays },
      })
      .returning({ id: engagementCourses.id });
    if (row)
      courseIds.set(`${p.module}\u0000${p.presentation}`, {
        id: row.id,
        start,
        length: p.lengthDays,
      });
  }

  const learnerIds = new Map<string, string>();
  const latest = new Map(data.students.map((s) => [s.studentId, s]));
  for (const batch of batches([...latest.values()])) {
    const rows = await tx
      .insert(engagementLearners)
      .values(
        batch.map((s) => ({
          externalSource: OULAD_SOURCE,
          externalId: s.studentId,
          gender: s.gender,
          ageBand: s.ageBand,
          disability: s.disability,
        })),
      )
      .onConflictDoUpdate({
        target: [engagementLearners.externalSource, engagementLearners.externalId],
        set: {
          gender: sql`excluded.gender`,
          ageBand: sql`excluded.age_band`,
          disability: sql`excluded.disability`,
        },
      })
      .returning({ id: engagementLearners.id, externalId: engagementLearners.externalId });
    for (const r of rows) if (r.externalId) learnerIds.set(r.externalId, r.id);
  }

  const courseOf = (module: string, presentation: string) =>
    courseIds.get(`${module}\u0000${presentation}`);
  const registrations = data.registrations.flatMap((r) => {
    const course = courseOf(r.module, r.presentation);
    const learnerId = learnerIds.get(r.studentId);
    if (!course || !learnerId) {
      skipped.push(
        `registration of ${r.studentId} in ${r.module} ${r.presentation}: unknown student or presentation`,
      );
      return [];
    }
    return [
      {
        learnerId,
        courseId: course.id,
        registeredAt: r.registeredDay === null ? null : dayOf(course.start, r.registeredDay),
        unregisteredAt: r.unregisteredDay === null ? null : dayOf(course.start, r.unregisteredDay),
      },
    ];
  });
  for (const batch of batches(registrations))
    await tx
      .insert(engagementRegistrations)
      .values(batch)
      .onConflictDoUpdate({
        target: [engagementRegistrations.learnerId, engagementRegistrations.courseId],
        set: {
          registeredAt: sql`excluded.registered_at`,
          unregisteredAt: sql`excluded.unregistered_at`,
        },
      });

  const assessments = new Map(data.assessments.map((a) => [a.id, a]));
  const activity: ActivityInput[] = data.results.flatMap((r) => {
    const a = assessments.get(r.assessmentId);
    const course = a && courseOf(a.module, a.presentation);
    if (!a || !course || r.submittedDay === null) {
      skipped.push(
        `result of ${r.studentId} for assessment ${r.assessmentId}: unknown assessment or no date`,
      );
      return [];
    }
    return [
      {
        learner: { externalSource: OULAD_SOURCE, externalId: r.studentId },
        courseId: course.id,
        kind: 'assessment',
        occurredAt: dayOf(course.start, r.submittedDay),
        score: r.score,
        source: 'oulad',
        sourceId: `assessment:${r.assessmentId}:${r.studentId}`,
        details: {
          assessment: r.assessmentId,
          type: a.type,
          weight: a.weight,
          dueDay: a.dueDay,
          banked: r.banked,
        },
      },
    ];
  });
  const recorded = await recordActivity(tx, activity);
  for (const i of recorded.unknownLearners)
    skipped.push(`result of ${activity[i]?.sourceId}: unknown student`);

  const outcomes = data.students.flatMap((s) => {
    const course = courseOf(s.module, s.presentation);
    const learnerId = learnerIds.get(s.studentId);
    if (!course || !learnerId || s.finalResult === null) return [];
    return [
      {
        learnerId,
        courseId: course.id,
        result: s.finalResult,
        decidedAt: dayOf(course.start, course.length),
      },
    ];
  });
  for (const batch of batches(outcomes))
    await tx
      .insert(engagementOutcomes)
      .values(batch)
      .onConflictDoUpdate({
        target: [engagementOutcomes.learnerId, engagementOutcomes.courseId],
        set: {
          result: sql`excluded.result`,
          decidedAt: sql`excluded.decided_at`,
        },
      });

  return {
    courses: courseIds.size,
    learners: learnerIds.size,
    registrations: registrations.length,
    activity: { inserted: recorded.inserted, duplicates: recorded.duplicates },
    outcomes: outcomes.length,
    skipped,
  };
}
