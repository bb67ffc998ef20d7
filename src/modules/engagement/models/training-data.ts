import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import type {
  AssessmentRecord,
  AssessmentType,
  FinalResult,
  OuladData,
  StudentRecord,
} from '../engine/records.js';
import {
  engagementActivity,
  engagementCourses,
  engagementLearners,
  engagementOutcomes,
  engagementRegistrations,
} from '../tables.js';

const DAY_MS = 86_400_000;
const RESULTS: readonly string[] = ['Pass', 'Distinction', 'Fail', 'Withdrawn'];
const TYPES: readonly string[] = ['TMA', 'CMA', 'Exam'];

/**
 * Features the tables cannot carry (no column for them): the engine's imputed constant would add
 * nothing, so models trained on stored history leave them out.
 */
export const UNSTORED_FEATURES = [
  'prev_attempts',
  'studied_credits',
  'education',
  'imd',
  'imd_missing',
] as const;

export interface CourseSelection {
  courseIds?: readonly string[];
  /** Presentation codes (`2013J`) or titles (`AAA 2013J`). */
  presentations?: readonly string[];
}

export interface StoredCourse {
  id: string;
  module: string;
  presentation: string;
  start: Date;
  lengthDays: number;
}

export interface StoredHistory {
  data: OuladData;
  courses: StoredCourse[];
  /** Courses named but left out (no start date or length), by id. */
  skippedCourses: string[];
}

/** Days from the course start; fractional days count as the day they fall on. */
export const dayIn = (course: StoredCourse, at: Date) =>
  Math.floor((at.getTime() - course.start.getTime()) / DAY_MS);

export async function selectCourses(db: Executor, selection: CourseSelection) {
  const where: SQL[] = [];
  if (selection.courseIds?.length)
    where.push(inArray(engagementCourses.id, [...selection.courseIds]));
  if (selection.presentations?.length) {
    where.push(inArray(engagementCourses.presentationCode, [...selection.presentations]));
    where.push(inArray(engagementCourses.title, [...selection.presentations]));
  }
  if (where.length === 0) return [];
  return db
    .select()
    .from(engagementCourses)
    .where(or(...where));
}

/**
 * Reads courses' history from the tables in the shape the risk engine reads: each course a
 * presentation (module code and presentation code, or its id), each registration a student keyed
 * by learner id, assessment activity as results, outcomes as final results (with `outcomes`).
 * Days are counted from the course's start date.
 */
export async function loadHistory(
  db: Executor,
  courseIds: readonly string[],
  options: { outcomes: boolean; learnerIds?: readonly string[] },
): Promise<StoredHistory> {
  if (courseIds.length === 0) return { data: emptyData(), courses: [], skippedCourses: [] };
  const rows = await db
    .select()
    .from(engagementCourses)
    .where(inArray(engagementCourses.id, [...courseIds]));
  const courses: StoredCourse[] = [];
  const skippedCourses: string[] = [];
  for (const c of rows) {
    if (!c.startDate || !c.lengthDays) {
      skippedCourses.push(c.id);
      continue;
    }
    courses.push({
      id: c.id,
      module: c.moduleCode ?? c.id,
      presentation: c.presentationCode ?? c.id,
      start: new Date(`${c.startDate}T00:00:00Z`),
      lengthDays: c.lengthDays,
    });
  }
  const ids = courses.map((c) => c.id);
  if (ids.length === 0) return { data: emptyData(), courses, skippedCourses };
  const byId = new Map(courses.map((c) => [c.id, c]));
  const learnerWhere = options.learnerIds
    ? inArray(engagementRegistrations.learnerId, [...options.learnerIds])
    : undefined;

  const registrations = await db
    .select({
      learnerId: engagementRegistrations.learnerId,
      courseId: engagementRegistrations.courseId,
      registeredAt: engagementRegistrations.registeredAt,
      unregisteredAt: engagementRegistrations.unregisteredAt,
      gender: engagementLearners.gender,
      ageBand: engagementLearners.ageBand,
      disability: engagementLearners.disability,
    })
    .from(engagementRegistrations)
    .innerJoin(engagementLearners, eq(engagementLearners.id, engagementRegistrations.learnerId))
    .where(and(inArray(engagementRegistrations.courseId, ids), learnerWhere));
  const outcomes = options.outcomes
    ? await db.select().from(engagementOutcomes).where(inArray(engagementOutcomes.courseId, ids))
    : [];
  const resultOf = new Map(outcomes.map((o) => [`${o.courseId}|${o.learnerId}`, o.result]));
  const activity = await db
    .select()
    .from(engagementActivity)
    .where(
      and(
        inArray(engagementActivity.courseId, ids),
        eq(engagementActivity.kind, 'assessment'),
        isNull(engagementActivity.voidedAt),
        options.learnerIds
          ? inArray(engagementActivity.learnerId, [...options.learnerIds])
          : undefined,
      ),
    );

  const students: StudentRecord[] = [];
  const regs: OuladData['registrations'] = [];
  for (const r of registrations) {
    const c = byId.get(r.courseId)!;
    const result = resultOf.get(`${r.courseId}|${r.learnerId}`);
    students.push({
      module: c.module,
      presentation: c.presentation,
      studentId: r.learnerId,
      gender: r.gender,
      region: null,
      highestEducation: null,
      imdBand: null,
      ageBand: r.ageBand,
      prevAttempts: null,
      studiedCredits: null,
      disability: r.disability,
      finalResult: result && RESULTS.includes(result) ? (result as FinalResult) : null,
    });
    regs.push({
      module: c.module,
      presentation: c.presentation,
      studentId: r.learnerId,
      registeredDay: r.registeredAt ? dayIn(c, r.registeredAt) : null,
      unregisteredDay: r.unregisteredAt ? dayIn(c, r.unregisteredAt) : null,
    });
  }

  const assessments = new Map<string, AssessmentRecord>();
  const results: OuladData['results'] = [];
  for (const a of activity) {
    const c = byId.get(a.courseId!)!;
    const d = (a.details ?? {}) as Record<string, unknown>;
    const id = `${c.id}:${typeof d.assessment === 'string' ? d.assessment : a.sourceId}`;
    if (!assessments.has(id))
      assessments.set(id, {
        module: c.module,
        presentation: c.presentation,
        id,
        type:
          typeof d.type === 'string' && TYPES.includes(d.type) ? (d.type as AssessmentType) : 'CMA',
        dueDay: typeof d.dueDay === 'number' ? d.dueDay : null,
        weight: typeof d.weight === 'number' ? d.weight : 0,
      });
    results.push({
      assessmentId: id,
      studentId: a.learnerId,
      submittedDay: dayIn(c, a.occurredAt),
      banked: d.banked === true,
      score: a.score,
    });
  }

  return {
    data: {
      presentations: courses.map((c) => ({
        module: c.module,
        presentation: c.presentation,
        lengthDays: c.lengthDays,
      })),
      assessments: [...assessments.values()],
      students,
      registrations: regs,
      results,
    },
    courses,
    skippedCourses,
  };
}

const emptyData = (): OuladData => ({
  presentations: [],
  assessments: [],
  students: [],
  registrations: [],
  results: [],
});
