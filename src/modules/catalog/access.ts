import { requireAccess as requirePlatformAccess, requirePrincipal } from '#platform/auth/access.js';
import type { Permission, Principal } from '#platform/auth/index.js';
import type { Executor } from '#platform/db/index.js';
import { type AppError, forbidden, notFound, unauthorized } from '#platform/errors/index.js';
import { findEnrolmentStatus, findInstructorRole, findLiveCourse } from './access-repository.js';
import { findEnrolment } from './learning/repository.js';
import type { CourseRow, EnrolmentRow, LessonRow } from './tables.js';

export { findLiveCourse } from './access-repository.js';

/*
 * The catalog's one access helper: every service asks `requireAccess(auth, permission, target)`
 * first, and gets back what the permission grants (the course, the caller's enrolment, …) or
 * the error that says why not. Platform permissions (`courses:create`, …) need no target.
 */

export const courseNotFound = () => notFound('Course', 'COURSE_NOT_FOUND');
export const notEnrolled = () => forbidden('You are not enrolled in this course', 'NOT_ENROLLED');

/** Why a caller may see a lesson's content. */
export type ContentAccess = 'manager' | 'enrolled' | 'preview';
/** What the lesson rules need of a lesson; `null` for content of no lesson (a bare quiz). */
export type LessonGate = Pick<LessonRow, 'freePreview'> | null;
/** What the lesson rules need of the lesson's (live) course. */
export type CourseGate = Pick<CourseRow, 'id' | 'status'>;

/**
 * The learner's side of both lesson rules, content and progress, so that they agree by
 * construction: an active or completed enrolment in a published or archived course (an archived
 * course takes no new learners, but those enrolled keep it; a draft's lessons do not exist for
 * learners).
 */
export function enrolmentOpensLessons(
  courseStatus: string,
  enrolmentStatus: string | undefined,
): boolean {
  return (
    courseOpensToLearners(courseStatus) &&
    (enrolmentStatus === 'active' || enrolmentStatus === 'completed')
  );
}

/** Courses whose lessons enrolled learners use: published ones, and archived ones. */
export const courseOpensToLearners = (courseStatus: string): boolean =>
  courseStatus === 'published' || courseStatus === 'archived';

/** Whether the caller may change the course: one of its instructors, or `courses:manage_any`. */
export async function canManageCourse(
  executor: Executor,
  auth: Principal | null,
  courseId: string,
): Promise<boolean> {
  if (!auth) return false;
  if (auth.permissions.has('courses:manage_any')) return true;
  if (!auth.permissions.has('courses:manage')) return false;
  return (await findInstructorRole(executor, courseId, auth.userId)) !== undefined;
}

/**
 * The one rule for who may see what a lesson holds (video, body, transcript, its quiz): the
 * course's instructors and `courses:manage_any` always; anybody on a free-preview lesson of a
 * published course; learners whose enrolment opens the lessons (`enrolmentOpensLessons`). Null
 * when none holds. The course must be live (not soft-deleted); callers look it up that way.
 */
export async function lessonContentAccess(
  executor: Executor,
  auth: Principal | null,
  lesson: LessonGate,
  course: CourseGate,
): Promise<ContentAccess | null> {
  if (auth && (await canManageCourse(executor, auth, course.id))) return 'manager';
  if (course.status === 'draft') return null;
  if (course.status === 'published' && lesson?.freePreview) return 'preview';
  // Enrolled content is the caller's own learning: an API key needs the `learning:read` scope.
  if (!auth?.permissions.has('learning:read')) return null;
  const status = await findEnrolmentStatus(executor, course.id, auth.userId);
  return enrolmentOpensLessons(course.status, status) ? 'enrolled' : null;
}

interface CourseTarget {
  tx: Executor;
  /** The course's id or slug. */
  course: string;
}

/** What each catalog permission is about (`target`) and what holding it gives back (`grants`). */
export interface CatalogAccess {
  /** Published courses for everybody; drafts and archived ones for who may manage them. */
  'course:read': { target: CourseTarget; grants: CourseRow };
  /** The course's instructors and `courses:manage_any`. */
  'course:manage': { target: CourseTarget; grants: CourseRow };
  /** The course's owner and `courses:manage_any`; `refusal` is the 403's message. */
  'course:own': { target: CourseTarget & { refusal: string }; grants: CourseRow };
  /** What a lesson holds (`lessonContentAccess`); `notFound` names the 404 of a draft. */
  'lesson:content': {
    target: {
      tx: Executor;
      lesson: LessonGate;
      course: CourseGate;
      notFound?: { name: string; code: string };
    };
    grants: ContentAccess;
  };
  /**
   * Recording progress on a course's lessons (and attempting its quizzes): the caller's
   * enrolment, locked for this unit of work, when it opens the lessons.
   */
  'lesson:progress': {
    target: { tx: Executor; course: CourseGate; notFound: () => AppError };
    grants: EnrolmentRow;
  };
  /** Reviewing a live course: the caller's enrolment in it (active or completed), locked. */
  'course:review': { target: CourseTarget; grants: { course: CourseRow; enrolment: EnrolmentRow } };
}

type PlatformAccess = { [P in Permission]: { target: undefined; grants: Principal } };
type AccessRules = CatalogAccess & PlatformAccess;
type TargetArgs<P extends keyof AccessRules> = AccessRules[P]['target'] extends undefined
  ? []
  : [AccessRules[P]['target']];

type Rule<P extends keyof CatalogAccess> = (
  auth: Principal | null,
  target: CatalogAccess[P]['target'],
) => Promise<CatalogAccess[P]['grants']>;

async function manageableCourse(auth: Principal | null, { tx, course: ref }: CourseTarget) {
  const caller = requirePrincipal(auth);
  const course = await findLiveCourse(tx, ref);
  if (!course) throw courseNotFound();
  if (!(await canManageCourse(tx, caller, course.id)))
    throw forbidden('Only the instructors of this course may change it', 'NOT_COURSE_INSTRUCTOR');
  return course;
}

async function openEnrolment(tx: Executor, auth: Principal | null, courseId: string) {
  const caller = requirePrincipal(auth);
  const enrolment = await findEnrolment(tx, courseId, caller.userId, { forUpdate: true });
  if (!enrolment || enrolment.status === 'dropped') throw notEnrolled();
  return enrolment;
}

const RULES: { [P in keyof CatalogAccess]: Rule<P> } = {
  // To anyone who may not see a draft or archived course it is 404 like an unknown one, signed
  // in or not, so that a stranger cannot learn that a draft exists.
  'course:read': async (auth, { tx, course: ref }) => {
    const course = await findLiveCourse(tx, ref);
    if (!course) throw courseNotFound();
    if (course.status === 'published') return course;
    if (!(await canManageCourse(tx, auth, course.id))) throw courseNotFound();
    return course;
  },
  // 404 when it does not exist (or was deleted), 401 without credentials, 403 for another's.
  'course:manage': manageableCourse,
  // Co-instructors teach a course but do not decide who else does, nor whether it exists.
  'course:own': async (auth, target) => {
    const course = await manageableCourse(auth, target);
    const caller = requirePrincipal(auth);
    if (caller.permissions.has('courses:manage_any')) return course;
    if ((await findInstructorRole(target.tx, course.id, caller.userId)) !== 'owner')
      throw forbidden(target.refusal, 'NOT_COURSE_OWNER');
    return course;
  },
  // Draft content does not exist for learners (404); anonymous callers 401; others 403.
  'lesson:content': async (auth, { tx, lesson, course, notFound: missing }) => {
    const access = await lessonContentAccess(tx, auth, lesson, course);
    if (access) return access;
    if (course.status === 'draft')
      throw notFound(missing?.name ?? 'Lesson', missing?.code ?? 'LESSON_NOT_FOUND');
    if (!auth) throw unauthorized('Sign in and enrol in the course to see this');
    throw notEnrolled();
  },
  'lesson:progress': async (auth, { tx, course, notFound: missing }) => {
    const caller = requirePrincipal(auth);
    if (!courseOpensToLearners(course.status)) throw missing();
    const enrolment = await findEnrolment(tx, course.id, caller.userId, { forUpdate: true });
    if (!enrolment || !enrolmentOpensLessons(course.status, enrolment.status)) throw notEnrolled();
    return enrolment;
  },
  'course:review': async (auth, { tx, course: ref }) => {
    requirePrincipal(auth);
    const course = await findLiveCourse(tx, ref);
    if (!course) throw courseNotFound();
    return { course, enrolment: await openEnrolment(tx, auth, course.id) };
  },
};

const isCatalogPermission = (permission: string): permission is keyof CatalogAccess =>
  Object.hasOwn(RULES, permission);

/**
 * What `permission` grants the caller on `target`, or the error that says why not. Every catalog
 * service calls it before anything else; a platform permission (`courses:create`) takes no
 * target and gives back the signed-in caller (401 anonymous, 403 without it).
 */
export async function requireAccess<P extends keyof AccessRules>(
  auth: Principal | null,
  permission: P,
  ...target: TargetArgs<P>
): Promise<AccessRules[P]['grants']> {
  if (!isCatalogPermission(permission))
    return requirePlatformAccess(auth, permission as Permission);
  const rule = RULES[permission] as unknown as Rule<keyof CatalogAccess>;
  return rule(auth, target[0] as CatalogAccess[keyof CatalogAccess]['target']) as Promise<
    AccessRules[P]['grants']
  >;
}
