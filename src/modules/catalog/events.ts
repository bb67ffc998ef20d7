import { Type } from 'typebox';
import type { Executor } from '#platform/db/index.js';
import {
  appendEvent,
  defineEvents,
  type EventData,
  type EventDataOf,
} from '#platform/events/index.js';

const Uuid = Type.String({ format: 'uuid' });
const CourseNamed = Type.Object({ title: Type.String(), slug: Type.String() });
const StatusChange = Type.Object({
  from: Type.String({ examples: ['draft'] }),
  to: Type.String({ examples: ['published'] }),
  title: Type.String(),
  slug: Type.String(),
});
const OfEnrolment = Type.Object({ enrolmentId: Uuid, userId: Uuid });

/** The catalog's events. All are about a course (subject `course`); `data` says what within it. */
export const catalogEvents = defineEvents({
  'course.created': {
    description: 'A course was created, or duplicated from another (`duplicatedFrom`).',
    subjectType: 'course',
    data: Type.Object({
      title: Type.String(),
      slug: Type.String(),
      duplicatedFrom: Type.Optional(Uuid),
    }),
  },
  'course.published': {
    description: 'A course was published: learners can see it and enrol.',
    subjectType: 'course',
    data: StatusChange,
  },
  'course.unpublished': {
    description: 'A published course went back to draft.',
    subjectType: 'course',
    data: StatusChange,
  },
  'course.archived': {
    description: 'A course was archived: it takes no new enrolments.',
    subjectType: 'course',
    data: StatusChange,
  },
  'course.deleted': {
    description: 'A course was deleted (an admin can restore it within the restore window).',
    subjectType: 'course',
    data: CourseNamed,
  },
  'course.restored': {
    description: 'A deleted course was restored.',
    subjectType: 'course',
    data: CourseNamed,
  },
  'enrolment.created': {
    description:
      'A learner enrolled in a course, or re-enrolled after dropping it (`reactivated`).',
    subjectType: 'course',
    data: Type.Object({
      enrolmentId: Uuid,
      userId: Uuid,
      reactivated: Type.Optional(Type.Literal(true)),
    }),
  },
  'enrolment.dropped': {
    description: 'A learner dropped a course (their progress is kept).',
    subjectType: 'course',
    data: OfEnrolment,
  },
  'lesson.completed': {
    description: 'A learner completed a lesson of the course for the first time.',
    subjectType: 'course',
    data: Type.Object({ lessonId: Uuid, userId: Uuid, enrolmentId: Uuid }),
  },
  'course.completed': {
    description: 'A learner completed every lesson of the course.',
    subjectType: 'course',
    data: OfEnrolment,
  },
  'review.created': {
    description: 'A learner reviewed the course for the first time.',
    subjectType: 'course',
    data: Type.Object({
      reviewId: Uuid,
      userId: Uuid,
      rating: Type.Integer({ minimum: 1, maximum: 5 }),
    }),
  },
});

declare module '#platform/events/catalogue.js' {
  interface EventDataRegistry extends EventDataOf<typeof catalogEvents> {}
}

export type CatalogEventType = keyof typeof catalogEvents;

/**
 * Appends a catalog event in the caller's transaction. Every catalog event is about a course
 * (subject `course`), so it reaches the realtime topics `courses` and `courses:<id>`; what it
 * concerns within the course (an enrolment, a lesson, a review) goes in `data`.
 */
export function appendCourseEvent<T extends CatalogEventType>(
  tx: Executor,
  type: T,
  courseId: string,
  actorId: string | null,
  data: EventData<T>,
) {
  return appendEvent(tx, { type, subjectType: 'course', subjectId: courseId, actorId, data });
}
