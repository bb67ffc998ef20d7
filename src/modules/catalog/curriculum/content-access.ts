import type { Principal } from '#platform/auth/index.js';
import type { Executor } from '#platform/db/index.js';
import { forbidden, notFound, unauthorized } from '#platform/errors/index.js';
import { canManageCourse } from '../access.js';
import type { CourseRow, LessonRow } from '../tables.js';
import { findEnrolmentStatus } from './repository.js';

/** Why a caller may see a lesson's content. */
export type ContentAccess = 'manager' | 'enrolled' | 'preview';

/** What the rule needs of a lesson; `null` for content that belongs to no lesson (a bare quiz). */
export type LessonGate = Pick<LessonRow, 'freePreview'> | null;
/** What the rule needs of the lesson's (live) course. */
export type CourseGate = Pick<CourseRow, 'id' | 'status'>;

const CONTENT_ENROLMENTS = new Set(['active', 'completed']);

/**
 * The one rule for who may see what a lesson holds (video, body, transcript, its quiz): the
 * course's instructors and `courses:manage_any` always; learners whose enrolment is active or
 * completed, on a published or archived course; anybody on a free-preview lesson of a published
 * course. Null when none holds.
 * The course must be live (not soft-deleted); callers look it up that way.
 */
export async function lessonContentAccess(
  executor: Executor,
  principal: Principal | null,
  lesson: LessonGate,
  course: CourseGate,
): Promise<ContentAccess | null> {
  if (principal && (await canManageCourse(executor, principal, course.id))) return 'manager';
  if (course.status === 'draft') return null;
  // An archived course takes no new learners and shows no previews, but those enrolled keep it.
  if (course.status === 'published' && lesson?.freePreview) return 'preview';
  // Enrolled content is the caller's own learning: an API key needs the `learning:read` scope.
  if (!principal?.permissions.has('learning:read')) return null;
  const status = await findEnrolmentStatus(executor, course.id, principal.userId);
  return status && CONTENT_ENROLMENTS.has(status) ? 'enrolled' : null;
}

/** Whether the caller may see the lesson's content (see `lessonContentAccess`). */
export async function canAccessLessonContent(
  executor: Executor,
  principal: Principal | null,
  lesson: LessonGate,
  course: CourseGate,
): Promise<boolean> {
  return (await lessonContentAccess(executor, principal, lesson, course)) !== null;
}

/**
 * `lessonContentAccess`, or the error that says why not: 404 (`notFoundCode`) when the course is
 * a draft and the caller does not manage it (draft content does not exist for learners), 401 for
 * anonymous callers, 403 `NOT_ENROLLED` otherwise.
 */
export async function requireLessonContentAccess(
  executor: Executor,
  principal: Principal | null,
  lesson: LessonGate,
  course: CourseGate,
  what: { name: string; notFoundCode: string } = {
    name: 'Lesson',
    notFoundCode: 'LESSON_NOT_FOUND',
  },
): Promise<ContentAccess> {
  const access = await lessonContentAccess(executor, principal, lesson, course);
  if (access) return access;
  if (course.status === 'draft') throw notFound(what.name, what.notFoundCode);
  if (!principal) throw unauthorized('Sign in and enrol in the course to see this');
  throw forbidden('Enrol in the course to see this', 'NOT_ENROLLED');
}
