import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { purgeDeletedCourses } from '#modules/catalog/courses/index.js';
import { courses, lessons } from '#modules/catalog/tables.js';
import { insertPublishedCourse } from '../helpers/catalog-factories.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import type { TestUser } from '../helpers/factories.js';
import { mp4Bytes, multipartBody, pngBytes, postForm } from './media-helpers.js';

const { t, api, owner } = useCatalogTestApp({ owner: 'instructor' });

const DAY_MS = 86_400_000;

async function upload(url: string, file: { bytes: Buffer; type: string }, user: TestUser) {
  const res = await postForm(t, `/api/v1${url}`, await multipartBody(file), user);
  expect(res.statusCode).toBe(201);
  return res.json().data as { id: string };
}

/** A published course with an uploaded cover and an uploaded video on its lesson. */
async function courseWithFiles() {
  const { course, lesson } = await insertPublishedCourse(t, owner.id);
  const coverBytes = pngBytes();
  const videoBytes = mp4Bytes();
  const cover = await upload(
    `/courses/${course.id}/cover`,
    { bytes: coverBytes, type: 'image/png' },
    owner,
  );
  const video = await upload(
    `/courses/${course.id}/lessons/${lesson.id}/video`,
    { bytes: videoBytes, type: 'video/mp4' },
    owner,
  );
  return { course, cover, coverBytes, video, videoBytes };
}

const lessonOf = async (courseId: string) =>
  (await t.database.db.select().from(lessons).where(eq(lessons.courseId, courseId)))[0]!;

/** Replaces the copy's cover and video, deletes it, and runs the nightly purge and clean-up. */
async function replaceAndPurge(copyId: string) {
  const copyLesson = await lessonOf(copyId);
  await upload(`/courses/${copyId}/cover`, { bytes: pngBytes(), type: 'image/png' }, owner);
  await upload(
    `/courses/${copyId}/lessons/${copyLesson.id}/video`,
    { bytes: mp4Bytes(), type: 'video/mp4' },
    owner,
  );
  await purge(copyId);
}

/** Deletes the course, and runs the nightly purge and clean-up once it is old enough. */
async function purge(copyId: string) {
  expect((await api.del(`/courses/${copyId}`, owner)).statusCode).toBe(204);
  await t.database.db
    .update(courses)
    .set({ deletedAt: new Date(Date.now() - 31 * DAY_MS) })
    .where(eq(courses.id, copyId));
  const storage = t.app.lectern.storage;
  expect((await purgeDeletedCourses(t.database.db, storage)).purged).toBeGreaterThanOrEqual(1);
  await storage.purgeDeleted(t.database.db, new Date(Date.now() + DAY_MS));
}

async function expectFile(fileId: string, bytes: Buffer) {
  const res = await api.get(`/files/${fileId}`, owner);
  expect(res.statusCode).toBe(200);
  expect(res.rawPayload.equals(bytes)).toBe(true);
}

describe('POST /api/v1/courses/:id/duplicate and the files of the course', () => {
  it('should give the copy its own copies of the cover and lesson files', async () => {
    const original = await courseWithFiles();
    const res = await api.post(`/courses/${original.course.id}/duplicate`, owner);
    expect(res.statusCode).toBe(201);
    const copy = res.json().data;
    expect(copy.coverFileId).toEqual(expect.any(String));
    expect(copy.coverFileId).not.toBe(original.cover.id);
    const copyLesson = await lessonOf(copy.id);
    expect(copyLesson.fileId).toEqual(expect.any(String));
    expect(copyLesson.fileId).not.toBe(original.video.id);
    await expectFile(copy.coverFileId, original.coverBytes);
    await expectFile(copyLesson.fileId!, original.videoBytes);
  });

  it("should keep the original's files when the copy's are replaced and the copy purged", async () => {
    const original = await courseWithFiles();
    const copy = (await api.post(`/courses/${original.course.id}/duplicate`, owner)).json().data;
    await replaceAndPurge(copy.id);
    await expectFile(original.cover.id, original.coverBytes);
    await expectFile(original.video.id, original.videoBytes);
    expect((await api.get(`/files/${original.cover.id}`)).statusCode).toBe(200);
  });

  it("should keep the original's files when the copy is purged with its own", async () => {
    const original = await courseWithFiles();
    const copy = (await api.post(`/courses/${original.course.id}/duplicate`, owner)).json().data;
    await purge(copy.id);
    await expectFile(original.cover.id, original.coverBytes);
    await expectFile(original.video.id, original.videoBytes);
  });

  it('should keep the original files of a copy made when copies shared them', async () => {
    const original = await courseWithFiles();
    const copy = (await api.post(`/courses/${original.course.id}/duplicate`, owner)).json().data;
    // What a duplicate looked like before: the same file rows as the original.
    await t.database.db
      .update(courses)
      .set({ coverFileId: original.cover.id })
      .where(eq(courses.id, copy.id));
    await t.database.db
      .update(lessons)
      .set({ fileId: original.video.id })
      .where(eq(lessons.courseId, copy.id));
    await purge(copy.id);
    await expectFile(original.cover.id, original.coverBytes);
    await expectFile(original.video.id, original.videoBytes);
    // Replacing the shared files in the original now deletes them: nothing else uses them.
    await upload(
      `/courses/${original.course.id}/cover`,
      { bytes: pngBytes(), type: 'image/png' },
      owner,
    );
    expect((await api.get(`/files/${original.cover.id}`, owner)).statusCode).toBe(404);
  });

  it('should purge the files that only a purged course used', async () => {
    const original = await courseWithFiles();
    const copy = (await api.post(`/courses/${original.course.id}/duplicate`, owner)).json().data;
    const copyVideo = (await lessonOf(copy.id)).fileId!;
    expect((await api.del(`/courses/${copy.id}`, owner)).statusCode).toBe(204);
    await t.database.db
      .update(courses)
      .set({ deletedAt: new Date(Date.now() - 31 * DAY_MS) })
      .where(eq(courses.id, copy.id));
    await purgeDeletedCourses(t.database.db, t.app.lectern.storage);
    expect((await api.get(`/files/${copy.coverFileId}`, owner)).statusCode).toBe(404);
    expect((await api.get(`/files/${copyVideo}`, owner)).statusCode).toBe(404);
    await expectFile(original.video.id, original.videoBytes);
  });
});
