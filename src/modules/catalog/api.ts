import type { Executor } from '#platform/db/index.js';
import type { DomainEvent, EventData, EventDispatcher } from '#platform/events/index.js';
import { findCourseView, instructorsOfCourses } from './courses/views-repository.js';
import { listMyCourses } from './learning/repository.js';
import { lessonFilesApi } from './lesson-files-api.js';

const PAGE = 500;

/** A learner's enrolment with its progress, as other modules see it. */
export interface LearnerEnrolment {
  enrolmentId: string;
  courseId: string;
  courseTitle: string;
  status: string;
  enrolledAt: Date;
  completedAt: Date | null;
  totalLessons: number;
  completedLessons: number;
  lastActivityAt: Date | null;
}

/** A live course in brief, with its instructors (owner first). */
export interface CourseSummary {
  id: string;
  slug: string;
  title: string;
  status: string;
  level: string;
  language: string;
  lessonCount: number;
  totalDurationSeconds: number;
  ratingAverage: number | null;
  ratingCount: number;
  instructors: { userId: string; name: string; role: string }[];
}

export type LessonCompleted = DomainEvent<EventData<'lesson.completed'>>;
export type CourseCompleted = DomainEvent<EventData<'course.completed'>>;

/**
 * What other modules may ask of the catalog (engagement reads learners' progress, timetabling
 * links its courses): plain reads over the caller's executor, and subscriptions to the
 * catalog's completion events. Access decisions stay with the caller.
 */
export const catalogApi = {
  ...lessonFilesApi,

  /** Every enrolment of the learner in a live course, newest first, with lesson progress. */
  async learnerEnrolments(db: Executor, userId: string): Promise<LearnerEnrolment[]> {
    const all: LearnerEnrolment[] = [];
    let before: string | undefined;
    for (;;) {
      const rows = await listMyCourses(db, userId, { before, limit: PAGE });
      for (const row of rows)
        all.push({
          enrolmentId: row.id,
          courseId: row.course.id,
          courseTitle: row.course.title,
          status: row.status,
          enrolledAt: row.enrolledAt,
          completedAt: row.completedAt,
          totalLessons: row.totalLessons,
          completedLessons: row.completedLessons,
          lastActivityAt: row.lastActivityAt,
        });
      if (rows.length < PAGE) return all;
      before = rows.at(-1)!.id;
    }
  },

  /** A live (not deleted) course's summary and instructors, whatever its status; or undefined. */
  async courseSummary(db: Executor, courseId: string): Promise<CourseSummary | undefined> {
    const view = await findCourseView(db, courseId);
    if (!view) return undefined;
    const instructors = await instructorsOfCourses(db, [courseId]);
    return {
      id: view.id,
      slug: view.slug,
      title: view.title,
      status: view.status,
      level: view.level,
      language: view.language,
      lessonCount: view.lessonCount,
      totalDurationSeconds: view.totalDurationSeconds,
      ratingAverage: view.ratingAverage,
      ratingCount: view.ratingCount,
      instructors: instructors.map(({ userId, name, role }) => ({ userId, name, role })),
    };
  },

  /** Calls `handler` at least once per first completion of a lesson (de-duplicate by event id). */
  onLessonCompleted(
    events: EventDispatcher,
    consumer: string,
    handler: (event: LessonCompleted) => Promise<void>,
  ): void {
    events.subscribe('lesson.completed', consumer, (event) => handler(event as LessonCompleted));
  },

  /** Calls `handler` at least once per enrolment whose every lesson is complete. */
  onCourseCompleted(
    events: EventDispatcher,
    consumer: string,
    handler: (event: CourseCompleted) => Promise<void>,
  ): void {
    events.subscribe('course.completed', consumer, (event) => handler(event as CourseCompleted));
  },
};

export type CatalogApi = typeof catalogApi;
