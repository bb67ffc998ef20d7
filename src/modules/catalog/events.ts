import type { Executor } from '#platform/db/index.js';
import { appendEvent } from '#platform/events/index.js';

export const CATALOG_EVENT_TYPES = [
  'course.created',
  'course.published',
  'course.unpublished',
  'course.archived',
  'course.deleted',
  'course.restored',
  'enrolment.created',
  'enrolment.dropped',
  'lesson.completed',
  'course.completed',
  'review.created',
] as const;
export type CatalogEventType = (typeof CATALOG_EVENT_TYPES)[number];

/**
 * Appends a catalog event in the caller's transaction. Every catalog event is about a course
 * (subject `course`), so it reaches the realtime topics `courses` and `courses:<id>`; what it
 * concerns within the course (an enrolment, a lesson, a review) goes in `data`.
 */
export function appendCourseEvent(
  tx: Executor,
  type: CatalogEventType,
  courseId: string,
  actorId: string | null,
  data: Record<string, unknown> = {},
) {
  return appendEvent(tx, { type, subjectType: 'course', subjectId: courseId, actorId, data });
}
