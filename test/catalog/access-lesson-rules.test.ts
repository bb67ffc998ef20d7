import { describe, expect, it } from 'vitest';
import { insertCourse, insertLesson, insertSection } from '../helpers/catalog-factories.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import type { TestUser } from '../helpers/factories.js';
import { insertEnrolment } from './learning-fixtures.js';

/*
 * Who sees a lesson's content (`GET /lessons/:id`) and who may record progress on it
 * (`PUT /lessons/:id/progress`) come from one learner predicate (catalog/access.ts): the two
 * rules must agree for every caller, course state and kind of lesson.
 */

const { t, api, owner, coInstructor, staff, enrolled, stranger } = useCatalogTestApp({
  owner: 'instructor',
  coInstructor: 'instructor',
  staff: 'staff',
  enrolled: 'learner',
  stranger: 'learner',
});

type Caller = 'owner' | 'coInstructor' | 'staff' | 'enrolled' | 'stranger' | 'anonymous';
type Outcome = number | string;

/** What each rule answers: a content access (`manager`, `enrolled`, `preview`) or a status. */
interface Expected {
  content: Outcome;
  progress: Outcome;
}

const MANAGERS: Caller[] = ['owner', 'coInstructor', 'staff'];

const TABLE: Record<
  'draft' | 'published',
  Record<'lesson' | 'preview', Record<Caller, Expected>>
> = {
  draft: {
    lesson: {
      owner: { content: 'manager', progress: 404 },
      coInstructor: { content: 'manager', progress: 404 },
      staff: { content: 'manager', progress: 404 },
      enrolled: { content: 404, progress: 404 },
      stranger: { content: 404, progress: 404 },
      anonymous: { content: 404, progress: 401 },
    },
    preview: {
      owner: { content: 'manager', progress: 404 },
      coInstructor: { content: 'manager', progress: 404 },
      staff: { content: 'manager', progress: 404 },
      enrolled: { content: 404, progress: 404 },
      stranger: { content: 404, progress: 404 },
      anonymous: { content: 404, progress: 401 },
    },
  },
  published: {
    lesson: {
      owner: { content: 'manager', progress: 403 },
      coInstructor: { content: 'manager', progress: 403 },
      staff: { content: 'manager', progress: 403 },
      enrolled: { content: 'enrolled', progress: 200 },
      stranger: { content: 403, progress: 403 },
      anonymous: { content: 401, progress: 401 },
    },
    preview: {
      owner: { content: 'manager', progress: 403 },
      coInstructor: { content: 'manager', progress: 403 },
      staff: { content: 'manager', progress: 403 },
      enrolled: { content: 'preview', progress: 200 },
      stranger: { content: 'preview', progress: 403 },
      anonymous: { content: 'preview', progress: 401 },
    },
  },
};

async function courseWithLessons(status: 'draft' | 'published') {
  const course = await insertCourse(t, { ownerId: owner.id, status });
  await t.database.query(
    "insert into course_instructors (course_id, user_id, role) values ($1, $2, 'co_instructor')",
    [course.id, coInstructor.id],
  );
  // An enrolment in a draft: a course unpublished after the learner enrolled.
  await insertEnrolment(t, course.id, enrolled.id);
  const section = await insertSection(t, course.id);
  const lesson = await insertLesson(t, section, { title: 'Locked', position: 0 });
  const preview = await insertLesson(t, section, {
    title: 'Preview',
    position: 1,
    freePreview: true,
  });
  return { lesson, preview };
}

async function outcomes(lessonId: string, user: TestUser | undefined): Promise<Expected> {
  const content = await api.get(`/lessons/${lessonId}`, user);
  const progress = await api.send('PUT', `/lessons/${lessonId}/progress`, user, {
    positionSeconds: 1,
    percent: 10,
  });
  return {
    content: content.statusCode === 200 ? content.json().data.access : content.statusCode,
    progress: progress.statusCode,
  };
}

describe('the lesson content and progress rules', () => {
  const users = (): Record<Caller, TestUser | undefined> => ({
    owner,
    coInstructor,
    staff,
    enrolled,
    stranger,
    anonymous: undefined,
  });

  for (const status of ['draft', 'published'] as const)
    it(`should agree across callers on a ${status} course, for locked and preview lessons`, async () => {
      const lessons = await courseWithLessons(status);
      for (const kind of ['lesson', 'preview'] as const)
        for (const [caller, user] of Object.entries(users()) as [Caller, TestUser | undefined][]) {
          const seen = await outcomes(lessons[kind].id, user);
          expect({ status, kind, caller, ...seen }).toEqual({
            status,
            kind,
            caller,
            ...TABLE[status][kind][caller],
          });
          // Agreement: whoever may record progress sees the content; and for learners (not the
          // course's managers, not previews) seeing it as enrolled is exactly being allowed to.
          if (seen.progress === 200) expect(typeof seen.content).toBe('string');
          if (!MANAGERS.includes(caller) && kind === 'lesson')
            expect(seen.content === 'enrolled').toBe(seen.progress === 200);
        }
    });
});
