import type { Static } from 'typebox';
import type { ENROLMENT_STATUSES } from '../tables.js';
import type {
  AttemptRow,
  EnrolmentRow,
  LessonProgressRow,
  MyCourseRow,
  ReviewWithReviewer,
} from './repository.js';
import type {
  AttemptSummarySchema,
  EnrolmentSchema,
  LessonProgressSchema,
  MyCourseSchema,
  ReviewSchema,
} from './schemas.js';
import type { QuestionResult } from './scoring.js';

export type EnrolmentDto = Static<typeof EnrolmentSchema>;
export type MyCourseDto = Static<typeof MyCourseSchema>;
export type LessonProgressDto = Static<typeof LessonProgressSchema>;
export type AttemptDto = Static<typeof AttemptSummarySchema>;
export type ReviewDto = Static<typeof ReviewSchema>;

export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Whole percent of lessons completed; a completed course without lessons counts as 100. */
export function progressPercent(total: number, completed: number, status: string): number {
  if (total === 0) return status === 'completed' ? 100 : 0;
  return Math.min(100, Math.floor((completed * 100) / total));
}

export function toEnrolmentDto(row: EnrolmentRow): EnrolmentDto {
  return {
    id: row.id,
    courseId: row.courseId,
    userId: row.userId,
    status: row.status as EnrolmentStatus,
    enrolledAt: row.enrolledAt.toISOString(),
    completedAt: iso(row.completedAt),
    droppedAt: iso(row.droppedAt),
  };
}

export function toMyCourseDto(row: MyCourseRow): MyCourseDto {
  return {
    enrolmentId: row.id,
    status: row.status as EnrolmentStatus,
    enrolledAt: row.enrolledAt.toISOString(),
    completedAt: iso(row.completedAt),
    course: row.course,
    progress: {
      completedLessons: row.completedLessons,
      totalLessons: row.totalLessons,
      percent: progressPercent(row.totalLessons, row.completedLessons, row.status),
      lastActivityAt: iso(row.lastActivityAt),
    },
  };
}

export function toLessonProgressDto(
  row: LessonProgressRow,
  enrolmentStatus: EnrolmentStatus,
): LessonProgressDto {
  return {
    lessonId: row.lessonId,
    courseId: row.courseId,
    positionSeconds: row.positionSeconds,
    percent: row.percent,
    completed: row.completedAt !== null,
    completedAt: iso(row.completedAt),
    updatedAt: row.updatedAt.toISOString(),
    enrolmentStatus,
  };
}

export function toAttemptDto(row: AttemptRow): AttemptDto {
  return {
    id: row.id,
    quizId: row.quizId,
    userId: row.userId,
    points: row.points,
    maxPoints: row.maxPoints,
    scorePercent: row.scorePercent,
    passed: row.passed,
    submittedAt: row.submittedAt.toISOString(),
  };
}

export function toAttemptResultDto(row: AttemptRow, questions: QuestionResult[]) {
  return { ...toAttemptDto(row), questions };
}

export function toReviewDto(row: ReviewWithReviewer): ReviewDto {
  return {
    id: row.id,
    courseId: row.courseId,
    rating: row.rating,
    body: row.body,
    reviewer: { name: row.reviewerName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRatingDto(
  courseId: string,
  row: {
    count: number;
    average: number | null;
    1: number;
    2: number;
    3: number;
    4: number;
    5: number;
  },
) {
  return {
    courseId,
    average: row.count > 0 ? row.average : null,
    count: row.count,
    histogram: { 1: row[1], 2: row[2], 3: row[3], 4: row[4], 5: row[5] },
  };
}
