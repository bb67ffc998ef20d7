import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { courses, enrolments } from '#modules/catalog/tables.js';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { expectError, type TestUser } from '../helpers/factories.js';
import { mp4Bytes, multipartBody, pngBytes, postForm } from './media-helpers.js';

interface Uploaded {
  id: string;
  url: string;
  sha256: string;
  bytes: Buffer;
}

const { t, owner, otherInstructor, staff, enrolled, graduate, dropped, stranger } =
  useCatalogTestApp({
    owner: 'instructor',
    otherInstructor: 'instructor',
    staff: 'staff',
    enrolled: 'learner',
    graduate: 'learner',
    dropped: 'learner',
    stranger: 'learner',
  });

/** A published course: a lesson video for learners, a free-preview one, a cover. */
let lessonVideo: Uploaded;
let previewVideo: Uploaded;
let publishedCover: Uploaded;
/** A draft course: its cover and a "free preview" lesson (not public while a draft). */
let draftCover: Uploaded;
let draftPreview: Uploaded;

async function uploadVideo(courseId: string, lessonId: string, size = 5000): Promise<Uploaded> {
  const bytes = mp4Bytes(size);
  const res = await postForm(
    t,
    `/api/v1/courses/${courseId}/lessons/${lessonId}/video`,
    await multipartBody({ bytes, type: 'video/mp4' }),
    owner,
  );
  if (res.statusCode !== 201) throw new Error(res.body);
  return { ...res.json().data, bytes };
}

async function uploadCover(courseId: string): Promise<Uploaded> {
  const bytes = pngBytes(700);
  const res = await postForm(
    t,
    `/api/v1/courses/${courseId}/cover`,
    await multipartBody({ bytes, type: 'image/png', name: 'cover.png' }),
    owner,
  );
  if (res.statusCode !== 201) throw new Error(res.body);
  return { ...res.json().data, bytes };
}

beforeAll(async () => {
  const published = await insertPublishedCourse(t, owner.id);
  const preview = await insertLesson(t, published.section, { position: 1, freePreview: true });
  lessonVideo = await uploadVideo(published.course.id, published.lesson.id);
  previewVideo = await uploadVideo(published.course.id, preview.id, 800);
  publishedCover = await uploadCover(published.course.id);
  await t.database.db.insert(enrolments).values([
    { courseId: published.course.id, userId: enrolled.id, status: 'active' },
    { courseId: published.course.id, userId: graduate.id, status: 'completed' },
    { courseId: published.course.id, userId: dropped.id, status: 'dropped' },
  ]);

  const draft = await insertCourse(t, { ownerId: owner.id });
  const draftSection = await insertSection(t, draft.id);
  const draftLesson = await insertLesson(t, draftSection, { freePreview: true });
  draftCover = await uploadCover(draft.id);
  draftPreview = await uploadVideo(draft.id, draftLesson.id, 300);
});

const get = (url: string, user?: TestUser, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(user?.auth ?? {}), ...headers } });

describe('GET /api/v1/files/:id', () => {
  it('should stream the whole file with its headers', async () => {
    const res = await get(lessonVideo.url, owner);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(lessonVideo.bytes)).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': '5000',
      'accept-ranges': 'bytes',
      etag: `"${lessonVideo.sha256}"`,
      'cache-control': 'private',
      'content-disposition': "inline; filename*=UTF-8''clip.mp4",
    });
    expect(new Date(String(res.headers['last-modified'])).getTime()).not.toBeNaN();
  });

  it('should answer a byte range with 206 and exactly those bytes', async () => {
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=4990-', 4990, 4999],
      ['bytes=-10', 4990, 4999],
      ['bytes=4000-999999', 4000, 4999],
      ['bytes=100-199, 300-399', 100, 199],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(lessonVideo.url, enrolled, { range });
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/5000`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(res.rawPayload.equals(lessonVideo.bytes.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('should answer 416 with the size when no range is satisfiable', async () => {
    const res = await get(lessonVideo.url, owner, { range: 'bytes=5000-' });
    expectError(res, 416, 'RANGE_NOT_SATISFIABLE');
    expect(res.headers['content-range']).toBe('bytes */5000');
  });

  it('should ignore a malformed range and a stale If-Range, sending the whole file', async () => {
    const malformed = await get(lessonVideo.url, owner, { range: 'bytes=9-3' });
    expect(malformed.statusCode).toBe(200);
    expect(malformed.rawPayload.length).toBe(5000);
    const stale = await get(lessonVideo.url, owner, { range: 'bytes=0-9', 'if-range': '"old"' });
    expect(stale.statusCode).toBe(200);
    const current = await get(lessonVideo.url, owner, {
      range: 'bytes=0-9',
      'if-range': `"${lessonVideo.sha256}"`,
    });
    expect(current.statusCode).toBe(206);
  });

  it('should answer 304 to a matching If-None-Match', async () => {
    const res = await get(lessonVideo.url, owner, { 'if-none-match': `"${lessonVideo.sha256}"` });
    expect(res.statusCode).toBe(304);
    expect(res.rawPayload.length).toBe(0);
    expect(res.headers.etag).toBe(`"${lessonVideo.sha256}"`);
    const other = await get(lessonVideo.url, owner, { 'if-none-match': '"something-else"' });
    expect(other.statusCode).toBe(200);
  });

  it('should give a lesson file to instructors, staff and enrolled or graduated learners', async () => {
    for (const user of [owner, staff, enrolled, graduate]) {
      const res = await get(lessonVideo.url, user);
      expect(res.statusCode, user.email).toBe(200);
    }
  });

  it('should answer 401 anonymous and 403 to others, for a lesson that is not a free preview', async () => {
    expectError(await get(lessonVideo.url), 401, 'UNAUTHORIZED');
    for (const user of [stranger, dropped, otherInstructor])
      expectError(await get(lessonVideo.url, user), 403, 'FILE_ACCESS_DENIED');
  });

  it("should keep a draft's lesson files from its enrolled learners", async () => {
    const course = await insertCourse(t, { ownerId: owner.id, status: 'published' });
    const section = await insertSection(t, course.id);
    const lesson = await insertLesson(t, section);
    const video = await uploadVideo(course.id, lesson.id, 600);
    await t.database.db
      .insert(enrolments)
      .values({ courseId: course.id, userId: enrolled.id, status: 'active' });
    expect((await get(video.url, enrolled)).statusCode).toBe(200);
    await t.database.db.update(courses).set({ status: 'draft' }).where(eq(courses.id, course.id));
    expectError(await get(video.url, enrolled), 403, 'FILE_ACCESS_DENIED');
    await t.database.db
      .update(courses)
      .set({ status: 'archived' })
      .where(eq(courses.id, course.id));
    expect((await get(video.url, enrolled)).statusCode).toBe(200);
  });

  it('should not take credentials from the query string', async () => {
    expectError(
      await get(`${lessonVideo.url}?access_token=${owner.accessToken}`),
      401,
      'UNAUTHORIZED',
    );
  });

  it('should give free previews and covers of published courses to anyone', async () => {
    const preview = await get(previewVideo.url);
    expect(preview.statusCode).toBe(200);
    expect(preview.rawPayload.equals(previewVideo.bytes)).toBe(true);
    const cover = await get(publishedCover.url);
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/png');
    expect(cover.rawPayload.equals(publishedCover.bytes)).toBe(true);
  });

  it("should keep a draft course's cover and previews for its instructors", async () => {
    for (const file of [draftCover, draftPreview]) {
      expectError(await get(file.url), 401, 'UNAUTHORIZED');
      expectError(await get(file.url, stranger), 403, 'FILE_ACCESS_DENIED');
      expectError(await get(file.url, otherInstructor), 403, 'FILE_ACCESS_DENIED');
      expect((await get(file.url, owner)).statusCode).toBe(200);
      expect((await get(file.url, staff)).statusCode).toBe(200);
    }
  });

  it('should answer 404 for unknown files and those of deleted courses, 400 for a bad id', async () => {
    expectError(await get(`/api/v1/files/${UNKNOWN_ID}`, staff), 404, 'FILE_NOT_FOUND');
    const bad = expectError(await get('/api/v1/files/not-a-uuid', staff), 400, 'VALIDATION_FAILED');
    expect(bad.details?.[0]?.path).toBe('/params/id');

    const gone = await insertPublishedCourse(t, owner.id);
    const file = await uploadVideo(gone.course.id, gone.lesson.id, 100);
    await t.database.query('update lessons set free_preview = true where id = $1', [
      gone.lesson.id,
    ]);
    expect((await get(file.url)).statusCode).toBe(200);
    await t.database.query('update courses set deleted_at = now() where id = $1', [gone.course.id]);
    expectError(await get(file.url), 404, 'FILE_NOT_FOUND');
    expectError(await get(file.url, stranger), 404, 'FILE_NOT_FOUND');
  });
});

describe('HEAD /api/v1/files/:id', () => {
  it('should send the headers of GET without the body', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: lessonVideo.url, headers: owner.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'video/mp4',
      'content-length': '5000',
      'accept-ranges': 'bytes',
      etag: `"${lessonVideo.sha256}"`,
    });
    expect(res.rawPayload.length).toBe(0);
    const ranged = await t.app.inject({
      method: 'HEAD',
      url: lessonVideo.url,
      headers: { ...owner.auth, range: 'bytes=10-19' },
    });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-range']).toBe('bytes 10-19/5000');
  });

  it('should apply the same access rules', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: lessonVideo.url });
    expect(res.statusCode).toBe(401);
    const stranger403 = await t.app.inject({
      method: 'HEAD',
      url: lessonVideo.url,
      headers: stranger.auth,
    });
    expect(stranger403.statusCode).toBe(403);
  });
});

describe('files over a real socket', () => {
  it('should take a multi-megabyte upload and play it back in ranges', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const bytes = mp4Bytes(8 * 1024 * 1024 + 3);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'video/mp4' }), 'long.mp4');
    const upload = await fetch(
      `${address}/api/v1/courses/${course.id}/lessons/${lesson.id}/video`,
      {
        method: 'POST',
        body: form,
        headers: owner.auth,
      },
    );
    expect(upload.status).toBe(201);
    const { url, sizeBytes } = (
      (await upload.json()) as { data: { url: string; sizeBytes: number } }
    ).data;
    expect(sizeBytes).toBe(bytes.length);

    const tail = await fetch(`${address}${url}`, {
      headers: { ...owner.auth, range: 'bytes=-1000' },
    });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 1000))).toBe(
      true,
    );
    const whole = await fetch(`${address}${url}`, { headers: owner.auth });
    expect(whole.headers.get('content-length')).toBe(String(bytes.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
