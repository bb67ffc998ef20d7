import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { jobs } from '#platform/jobs/tables.js';
import { storedFiles } from '#platform/storage/tables.js';
import { insertQuiz } from '../catalog/learning-fixtures.js';
import type { ApiClient } from '../helpers/api-client.js';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { createUserAndLogin, login, type TestUser, uniqueEmail } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

/** A person with something of every kind Lectern holds about people, made mostly through the API. */
export interface Person {
  user: TestUser;
  name: string;
  /** A second session (a second sign-in). */
  secondSession: TestUser['auth'];
  apiKey: string;
  /** The published course they are enrolled in, made progress in, attempted and reviewed. */
  courseId: string;
  lessonId: string;
  quizId: string;
  reviewId: string;
  /** A draft course they own (instructorship and authorship). */
  ownCourseId: string;
  fileId: string;
  jobId: string;
}

/**
 * Signs up an instructor (so they can own a course too) who then learns in someone else's course:
 * enrolment, progress, a quiz attempt, a review; plus a second session, an API key, a failed
 * sign-in (its audit row and counters hold the email), an idempotent POST, an uploaded file and
 * a job.
 */
export async function makePerson(
  t: TestApp,
  api: ApiClient,
  teacher: TestUser,
  name = `Zelda ${randomUUID().slice(0, 6)} Marlowe`,
): Promise<Person> {
  const email = uniqueEmail('zelda');
  const user = await createUserAndLogin(t, ['instructor'], { email, name });
  const second = await login(t, email, user.password);

  const { course, section } = await insertPublishedCourse(t, teacher.id);
  const quizLesson = await insertLesson(t, section, { kind: 'quiz', position: 1 });
  const { quiz, questions } = await insertQuiz(
    t,
    { id: course.id, createdBy: teacher.id },
    {
      lessonId: quizLesson.id,
      questions: [{ options: [true, false] }],
    },
  );
  const enrol = await api.post(
    `/courses/${course.id}/enrol`,
    user,
    {},
    {
      'idempotency-key': `enrol-${randomUUID()}`,
    },
  );
  expect(enrol.statusCode).toBe(201);
  const lesson = (
    await t.database.query<{ id: string }>(
      'select id from lessons where course_id = $1 order by position limit 1',
      [course.id],
    )
  )[0]!;
  const progress = await api.send('PUT', `/lessons/${lesson.id}/progress`, user, {
    positionSeconds: 42,
    percent: 40,
  });
  expect(progress.statusCode).toBe(200);
  const attempt = await api.post(`/quizzes/${quiz.id}/attempts`, user, {
    answers: [{ questionId: questions[0]!.id, optionIds: [questions[0]!.wrong[0]!] }],
  });
  expect(attempt.statusCode).toBe(201);
  const review = await api.send('PUT', `/courses/${course.id}/review`, user, {
    rating: 2,
    body: `Signed, ${name}`,
  });
  expect(review.statusCode).toBe(201);

  const key = await api.post('/api-keys', user, { name: 'laptop', scopes: ['courses:read'] });
  expect(key.statusCode).toBe(201);
  const wrong = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: 'not-the-password-1' },
  });
  expect(wrong.statusCode).toBe(401);

  const ownCourse = await insertCourse(t, { ownerId: user.id, title: 'Zelda teaches' });
  const ownSection = await insertSection(t, ownCourse.id);
  await insertLesson(t, ownSection, { title: 'Intro' });
  const [file] = await t.database.db
    .insert(storedFiles)
    .values({
      ownerId: user.id,
      filename: 'cover.png',
      contentType: 'image/png',
      sizeBytes: 3,
      sha256: 'abc',
      storageKey: `test/${randomUUID()}`,
    })
    .returning();
  const [job] = await t.database.db
    .insert(jobs)
    .values({ id: randomUUID(), queue: 'probe', ownerId: user.id, state: 'completed' })
    .returning();

  return {
    user,
    name,
    secondSession: second.auth,
    apiKey: key.json().data.key,
    courseId: course.id,
    lessonId: lesson.id,
    quizId: quiz.id,
    reviewId: review.json().data.id,
    ownCourseId: ownCourse.id,
    fileId: file!.id,
    jobId: job!.id,
  };
}
