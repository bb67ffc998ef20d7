import type { Risk as RiskScore } from './models/scorer.js';
import type { ActivityRow, LearnerCourseRow, LearnerRow } from './repository.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toLearnerDto(row: LearnerRow, risk: RiskScore) {
  return {
    id: row.id,
    userId: row.userId,
    externalSource: row.externalSource,
    externalId: row.externalId,
    displayName: row.displayName,
    program: row.program,
    cohort: row.cohort,
    preferredChannel: row.preferredChannel,
    risk,
    createdAt: row.createdAt.toISOString(),
  };
}

export type LearnerDto = ReturnType<typeof toLearnerDto>;

/** The detail; `phone` is left out (undefined) for callers who may not read it. */
export function toLearnerDetailDto(
  row: LearnerRow,
  risk: RiskScore,
  activity: ActivityRow[],
  courses: LearnerCourseRow[],
  phone: string | null | undefined,
) {
  return {
    ...toLearnerDto(row, risk),
    email: row.email,
    ...(phone === undefined ? {} : { phone }),
    inputs: {
      completedPercent: row.completedPercent,
      avgQuizScore: row.avgQuizScore,
      consecutiveMissedSessions: row.consecutiveMissedSessions,
      lastLoginAt: iso(row.lastLoginAt),
    },
    recentActivity: activity.map((a) => ({
      id: a.id,
      courseId: a.courseId,
      kind: a.kind,
      occurredAt: a.occurredAt.toISOString(),
      score: a.score,
      source: a.source,
    })),
    courses: courses.map((c) => ({
      courseId: c.courseId,
      catalogCourseId: c.catalogCourseId,
      title: c.title,
      registeredAt: iso(c.registeredAt),
      unregisteredAt: iso(c.unregisteredAt),
    })),
  };
}
