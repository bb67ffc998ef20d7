import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { courses } from '#modules/catalog/tables.js';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { expectError, type TestUser } from '../helpers/factories.js';
import { mp4Bytes, multipartBody, pngBytes, postForm } from './media-helpers.js';

const { t, api, victim, attacker } = useCatalogTestApp({
  victim: 'instructor',
  attacker: 'instructor',
});

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const rowOf = async (id: string) =>
  (await t.database.db.select().from(courses).where(eq(courses.id, id)))[0]!;

async function uploadCover(courseId: string, user: TestUser, bytes = pngBytes()) {
  const res = await postForm(
    t,
    `/api/v1/courses/${courseId}/cover`,
    await multipartBody({ bytes, type: 'image/png', name: 'cover.png' }),
    user,
  );
  expect(res.statusCode).toBe(201);
  return res.json().data as { id: string; url: string };
}

async function uploadVideo(courseId: string, lessonId: string, user: TestUser) {
  const res = await postForm(
    t,
    `/api/v1/courses/${courseId}/lessons/${lessonId}/video`,
    await multipartBody({ bytes: mp4Bytes(), type: 'video/mp4' }),
    user,
  );
  expect(res.statusCode).toBe(201);
  return res.json().data as { id: string };
}

/** The victim's draft course with an uploaded cover and an uploaded lesson video. */
async function victimFiles() {
  const course = await insertCourse(t, { ownerId: victim.id });
  const lesson = await insertLesson(t, await insertSection(t, course.id));
  const coverBytes = pngBytes();
  const cover = await uploadCover(course.id, victim, coverBytes);
  const video = await uploadVideo(course.id, lesson.id, victim);
  return { course, cover, coverBytes, video };
}

describe('PATCH /api/v1/courses/:id {coverFileId}', () => {
  it("should refuse another user's file, another course's video and unknown ids, changing nothing", async () => {
    const { cover, video } = await victimFiles();
    const mine = await insertCourse(t, { ownerId: attacker.id });
    for (const coverFileId of [cover.id, video.id, randomUUID()]) {
      const error = expectError(
        await api.patch(`/courses/${mine.id}`, attacker, { coverFileId }, ifMatch(1)),
        422,
        'UNKNOWN_FILE',
      );
      expect(error.details?.[0]?.path).toBe('/body/coverFileId');
    }
    expect(await rowOf(mine.id)).toMatchObject({ coverFileId: null, version: 1 });
  });

  it("should not let a published course serve the victim's file to anyone", async () => {
    const { cover, coverBytes } = await victimFiles();
    const mine = await insertCourse(t, { ownerId: attacker.id, title: 'Bait' });
    await insertLesson(t, await insertSection(t, mine.id));
    await api.patch(`/courses/${mine.id}`, attacker, { coverFileId: cover.id }, ifMatch(1));
    expect((await api.post(`/courses/${mine.id}/publish`, attacker)).statusCode).toBe(200);
    expect((await api.get(`/courses/${mine.id}`)).json().data.coverFileId).toBeNull();
    expect((await api.get(`/files/${cover.id}`)).statusCode).toBe(401);
    expect((await api.get(`/files/${cover.id}`, attacker)).statusCode).toBe(403);
    const own = await api.get(`/files/${cover.id}`, victim);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(coverBytes)).toBe(true);
  });

  it("should take the course's current cover (no change) and null (no cover)", async () => {
    const course = await insertCourse(t, { ownerId: victim.id });
    const cover = await uploadCover(course.id, victim);
    const same = await api.patch(
      `/courses/${course.id}`,
      victim,
      { coverFileId: cover.id },
      ifMatch(2),
    );
    expect(same.statusCode).toBe(200);
    expect(same.json().data.coverFileId).toBe(cover.id);
    const cleared = await api.patch(
      `/courses/${course.id}`,
      victim,
      { coverFileId: null },
      ifMatch(3),
    );
    expect(cleared.statusCode).toBe(200);
    expect(await rowOf(course.id)).toMatchObject({ coverFileId: null, version: 4 });
  });
});

describe('POST /api/v1/courses/:id/cover replacing a cover that is not the course own', () => {
  /** What a course could hold before `coverFileId` was restricted: any stored file as its cover. */
  const setCoverDirectly = (courseId: string, fileId: string) =>
    t.database.db.update(courses).set({ coverFileId: fileId }).where(eq(courses.id, courseId));

  it("should leave another course's cover and lesson video alive", async () => {
    const { cover, coverBytes, video } = await victimFiles();
    const { course: mine } = await insertPublishedCourse(t, attacker.id);
    for (const fileId of [cover.id, video.id]) {
      await setCoverDirectly(mine.id, fileId);
      await uploadCover(mine.id, attacker);
    }
    const own = await api.get(`/files/${cover.id}`, victim);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(coverBytes)).toBe(true);
    expect((await api.get(`/files/${video.id}`, victim)).statusCode).toBe(200);
  });

  it("should leave a file the victim no longer uses alive, and still delete the course's own", async () => {
    const course = await insertCourse(t, { ownerId: victim.id });
    const bytes = pngBytes();
    const old = await uploadCover(course.id, victim, bytes);
    await api.patch(`/courses/${course.id}`, victim, { coverFileId: null }, ifMatch(2));
    const { course: mine } = await insertPublishedCourse(t, attacker.id);
    await setCoverDirectly(mine.id, old.id);
    const first = await uploadCover(mine.id, attacker);
    const own = await api.get(`/files/${old.id}`, victim);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(bytes)).toBe(true);
    // The attacker's own previous cover is replaced as before.
    await uploadCover(mine.id, attacker);
    expect((await api.get(`/files/${first.id}`, attacker)).statusCode).toBe(404);
  });
});
