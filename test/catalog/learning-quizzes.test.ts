import { beforeAll, describe, expect, it } from 'vitest';
import { insertLesson, insertPublishedCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import {
  auditRows,
  countRows,
  createUserAndLogin,
  expectError,
  type TestUser,
} from '../helpers/factories.js';
import { courseEvents, insertQuiz } from './learning-fixtures.js';

const { t, api, owner, learner } = useCatalogTestApp({ owner: 'instructor', learner: 'learner' });
let course: Awaited<ReturnType<typeof insertPublishedCourse>>['course'];
let quiz: Awaited<ReturnType<typeof insertQuiz>>;
beforeAll(async () => {
  ({ course } = await insertPublishedCourse(t, owner.id));
  // Four questions worth 1, 2, 3 and 4 points (10 in all); pass at 60 %.
  quiz = await insertQuiz(t, course, {
    passPercent: 60,
    questions: [
      { kind: 'single', points: 1, options: [false, true, false] },
      { kind: 'single', points: 2, options: [true, false] },
      { kind: 'multiple', points: 3, options: [true, false, true] },
      { kind: 'multiple', points: 4, options: [true, true, false], explanation: null },
    ],
  });
  await api.send('POST', `/courses/${course.id}/enrol`, learner);
});

const q = (i: number) => quiz.questions[i]!;
const attempt = (user: TestUser | undefined, answers: unknown, quizId = quiz.quiz.id) =>
  api.send('POST', `/quizzes/${quizId}/attempts`, user, { answers });

describe('POST /api/v1/quizzes/:id/attempts', () => {
  it('should score on the server and show what was right, with the correct options', async () => {
    const res = await attempt(learner, [
      { questionId: q(0).id, optionIds: q(0).correct }, // right: 1
      { questionId: q(1).id, optionIds: q(1).wrong }, // wrong
      { questionId: q(2).id, optionIds: [...q(2).correct].reverse() }, // exact set: 3
      { questionId: q(3).id, optionIds: [q(3).correct[0]] }, // subset: nothing
    ]);
    expect(res.statusCode).toBe(201);
    const data = res.json().data;
    expect(data).toMatchObject({
      quizId: quiz.quiz.id,
      userId: learner.id,
      points: 4,
      maxPoints: 10,
      scorePercent: 40,
      passed: false,
      submittedAt: expect.any(String),
    });
    expect(data.questions).toEqual([
      {
        questionId: q(0).id,
        correct: true,
        points: 1,
        awardedPoints: 1,
        chosenOptionIds: q(0).correct,
        correctOptionIds: q(0).correct,
        explanation: 'Because of 1',
      },
      expect.objectContaining({ questionId: q(1).id, correct: false, awardedPoints: 0 }),
      expect.objectContaining({ questionId: q(2).id, correct: true, awardedPoints: 3 }),
      expect.objectContaining({
        questionId: q(3).id,
        correct: false,
        correctOptionIds: q(3).correct,
        explanation: null,
      }),
    ]);
    const [stored] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from quiz_attempt_answers where attempt_id = $1',
      [data.id],
    );
    expect(stored!.n).toBe(5);
    expect((await auditRows(t, 'quiz.attempted')).at(-1)).toMatchObject({
      resource_id: data.id,
      actor_id: learner.id,
      details: { quizId: quiz.quiz.id, scorePercent: 40, passed: false },
    });
  });

  it('should give nothing for a superset or unanswered questions, and pass at the threshold', async () => {
    const superset = await attempt(learner, [
      { questionId: q(2).id, optionIds: q(2).options },
      { questionId: q(3).id, optionIds: q(3).correct },
    ]);
    expect(superset.json().data).toMatchObject({ points: 4, scorePercent: 40, passed: false });
    const pass = await attempt(learner, [
      { questionId: q(2).id, optionIds: q(2).correct },
      { questionId: q(3).id, optionIds: q(3).correct },
    ]);
    expect(pass.json().data).toMatchObject({ points: 7, scorePercent: 70, passed: true });
    const none = await attempt(learner, []);
    expect(none.json().data).toMatchObject({ points: 0, scorePercent: 0, passed: false });
  });

  it('should complete the quiz lesson on a pass (not on a fail), and the course with it', async () => {
    const { course: c, lesson: video } = await insertPublishedCourse(t, owner.id);
    const quizLesson = await insertLesson(
      t,
      { id: video.sectionId, courseId: c.id },
      { kind: 'quiz', position: 1 },
    );
    const linked = await insertQuiz(t, c, {
      lessonId: quizLesson.id,
      passPercent: 100,
      questions: [{ options: [true, false] }],
    });
    const pupil = await createUserAndLogin(t, ['learner']);
    await api.send('POST', `/courses/${c.id}/enrol`, pupil);
    await api.send('POST', `/lessons/${video.id}/complete`, pupil);
    const question = linked.questions[0]!;
    const fail = await attempt(
      pupil,
      [{ questionId: question.id, optionIds: question.wrong }],
      linked.quiz.id,
    );
    expect(fail.json().data.passed).toBe(false);
    expect((await courseEvents(t, 'lesson.completed', c.id)).map((e) => e.data.lessonId)).toEqual([
      video.id,
    ]);
    await attempt(
      pupil,
      [{ questionId: question.id, optionIds: question.correct }],
      linked.quiz.id,
    );
    await attempt(
      pupil,
      [{ questionId: question.id, optionIds: question.correct }],
      linked.quiz.id,
    );
    expect((await courseEvents(t, 'lesson.completed', c.id)).map((e) => e.data.lessonId)).toEqual([
      video.id,
      quizLesson.id,
    ]);
    expect(await courseEvents(t, 'course.completed', c.id)).toHaveLength(1);
  });

  it('should answer 400 INVALID_ANSWERS for ids that are not the quiz’s, and store nothing', async () => {
    const before = await countRows(t, 'quiz_attempts');
    const res = await attempt(learner, [
      { questionId: UNKNOWN_ID, optionIds: [] },
      { questionId: q(0).id, optionIds: [q(1).correct[0]] },
      { questionId: q(1).id, optionIds: q(1).options },
      { questionId: q(0).id, optionIds: [] },
    ]);
    const error = expectError(res, 400, 'INVALID_ANSWERS');
    expect(error.details?.map((d) => d.path)).toEqual([
      '/body/answers/0/questionId',
      '/body/answers/1/optionIds/0',
      '/body/answers/2/optionIds',
      '/body/answers/3/questionId',
    ]);
    const schema = expectError(
      await attempt(learner, [{ questionId: 'nope', optionIds: ['x'] }]),
      400,
      'VALIDATION_FAILED',
    );
    expect(schema.details?.length).toBeGreaterThan(0);
    expectError(
      await api.send('POST', `/quizzes/${quiz.quiz.id}/attempts`, learner, {}),
      400,
      'VALIDATION_FAILED',
    );
    expect(await countRows(t, 'quiz_attempts')).toBe(before);
  });

  it('should answer 403 NOT_ENROLLED to learners and instructors not enrolled', async () => {
    const stranger = await createUserAndLogin(t, ['learner']);
    const before = await countRows(t, 'quiz_attempts');
    const answers = [{ questionId: q(0).id, optionIds: q(0).correct }];
    expectError(await attempt(stranger, answers), 403, 'NOT_ENROLLED');
    expectError(await attempt(owner, answers), 403, 'NOT_ENROLLED');
    expect(await countRows(t, 'quiz_attempts')).toBe(before);
  });

  it('should answer 404 unknown or unpublished quiz, 422 a quiz without questions, 401 anonymous', async () => {
    expectError(await attempt(learner, [], UNKNOWN_ID), 404, 'QUIZ_NOT_FOUND');
    const empty = await insertQuiz(t, course, { questions: [] });
    expectError(await attempt(learner, [], empty.quiz.id), 422, 'QUIZ_HAS_NO_QUESTIONS');
    expectError(await attempt(undefined, []), 401, 'UNAUTHORIZED');
    const { course: gone } = await insertPublishedCourse(t, owner.id);
    const goneQuiz = await insertQuiz(t, gone, { questions: [{ options: [true] }] });
    const enrolled = await createUserAndLogin(t, ['learner']);
    await api.send('POST', `/courses/${gone.id}/enrol`, enrolled);
    await t.database.query(`update courses set status = 'draft' where id = $1`, [gone.id]);
    expectError(await attempt(enrolled, [], goneQuiz.quiz.id), 404, 'QUIZ_NOT_FOUND');
    await t.database.query('update courses set deleted_at = now() where id = $1', [gone.id]);
    expectError(await attempt(learner, [], goneQuiz.quiz.id), 404, 'QUIZ_NOT_FOUND');
  });
});

describe('GET /api/v1/quizzes/:id/attempts', () => {
  let own: { id: string }[];
  let pupil: TestUser;
  let pupilAttempt: string;

  beforeAll(async () => {
    pupil = await createUserAndLogin(t, ['learner']);
    await api.send('POST', `/courses/${course.id}/enrol`, pupil);
    pupilAttempt = (await attempt(pupil, [])).json().data.id;
    own = (await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts?limit=100`, learner)).json()
      .data;
  });

  it('should list the caller’s own attempts, newest first, in pages', async () => {
    expect(own.length).toBeGreaterThanOrEqual(4);
    expect(own.every((a) => (a as { userId?: string }).userId === learner.id)).toBe(true);
    const ids = own.map((a) => a.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const first = await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts?limit=2`, learner);
    expect(first.json().data.map((a: { id: string }) => a.id)).toEqual(ids.slice(0, 2));
    const next = await api.send(
      'GET',
      `/quizzes/${quiz.quiz.id}/attempts?limit=2&cursor=${first.json().meta.nextCursor}`,
      learner,
    );
    expect(next.json().data.map((a: { id: string }) => a.id)).toEqual(ids.slice(2, 4));
    expect(first.json().data[0]).not.toHaveProperty('questions');
  });

  it('should show the course’s instructors and staff everybody’s, or one learner’s', async () => {
    const all = await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts?limit=100`, owner);
    const users = new Set(all.json().data.map((a: { userId: string }) => a.userId));
    expect(users).toEqual(new Set([learner.id, pupil.id]));
    const one = await api.send(
      'GET',
      `/quizzes/${quiz.quiz.id}/attempts?userId=${pupil.id}`,
      owner,
    );
    expect(one.json().data.map((a: { id: string }) => a.id)).toEqual([pupilAttempt]);
    const staff = await createUserAndLogin(t, ['staff']);
    const seen = await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts?limit=100`, staff);
    expect(seen.json().data).toHaveLength(all.json().data.length);
  });

  it('should answer 403 when a learner or another instructor asks for someone else’s', async () => {
    expectError(
      await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts?userId=${pupil.id}`, learner),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    const otherInstructor = await createUserAndLogin(t, ['instructor']);
    expectError(
      await api.send(
        'GET',
        `/quizzes/${quiz.quiz.id}/attempts?userId=${pupil.id}`,
        otherInstructor,
      ),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    const mine = await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts`, otherInstructor);
    expect(mine.json().data).toEqual([]);
    const self = await api.send(
      'GET',
      `/quizzes/${quiz.quiz.id}/attempts?userId=${pupil.id}`,
      pupil,
    );
    expect(self.json().data).toHaveLength(1);
  });

  it('should answer 404 unknown quiz, 400 bad query, 401 anonymous', async () => {
    expectError(
      await api.send('GET', `/quizzes/${UNKNOWN_ID}/attempts`, learner),
      404,
      'QUIZ_NOT_FOUND',
    );
    expectError(
      await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts?userId=me`, learner),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.send('GET', `/quizzes/${quiz.quiz.id}/attempts`), 401, 'UNAUTHORIZED');
  });
});
