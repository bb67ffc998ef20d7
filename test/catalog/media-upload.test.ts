import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { courseTag } from '#modules/catalog/cache-tags.js';
import { storageDirFor } from '#platform/storage/index.js';
import {
  insertCourse,
  insertLesson,
  insertPublishedCourse,
  insertSection,
} from '../helpers/catalog-factories.js';
import {
  OWNER_OTHER_STAFF_LEARNER,
  UNKNOWN_ID,
  useCatalogTestApp,
} from '../helpers/catalog-test-app.js';
import { auditRows, countRows, expectError } from '../helpers/factories.js';
import {
  mp4Bytes,
  multipartBody,
  oggBytes,
  pngBytes,
  postForm,
  storedFilesOnDisk,
  webmBytes,
} from './media-helpers.js';

const LIMIT = 1024;

const { t, owner, otherInstructor, staff, learner } = useCatalogTestApp(OWNER_OTHER_STAFF_LEARNER, {
  UPLOAD_MAX_BYTES: String(LIMIT),
});

const videoUrl = (courseId: string, lessonId: string) =>
  `/api/v1/courses/${courseId}/lessons/${lessonId}/video`;

const mp4 = (bytes = mp4Bytes(), name = 'lecture.mp4') => ({ bytes, type: 'video/mp4', name });

async function lessonRow(id: string) {
  const [row] = await t.database.query<{
    file_id: string | null;
    video_url: string | null;
    duration_seconds: number | null;
  }>('select file_id, video_url, duration_seconds from lessons where id = $1', [id]);
  return row!;
}

async function fileRow(id: string) {
  const [row] = await t.database.query<{
    owner_id: string;
    filename: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    storage_key: string;
    deleted_at: Date | null;
  }>('select * from stored_files where id = $1', [id]);
  return row;
}

/** What a refused request must leave untouched. */
async function snapshot(lessonId: string) {
  return {
    files: await countRows(t, 'stored_files'),
    onDisk: storedFilesOnDisk(t).length,
    lesson: await lessonRow(lessonId),
    audits: (await auditRows(t, 'lesson.video_uploaded')).length,
  };
}

describe('POST /api/v1/courses/:id/lessons/:lid/video', () => {
  it('should store the video, point the lesson at it, audit and answer 201 with the file', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const bytes = mp4Bytes(900);
    const res = await postForm(
      t,
      videoUrl(course.id, lesson.id),
      await multipartBody(mp4(bytes, 'Week 1: intro.mp4'), { durationSeconds: '754' }),
      owner,
    );
    expect(res.statusCode).toBe(201);
    const file = res.json().data;
    expect(file).toEqual({
      id: expect.any(String),
      filename: 'Week 1: intro.mp4',
      contentType: 'video/mp4',
      sizeBytes: 900,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      url: `/api/v1/files/${file.id}`,
      createdAt: expect.any(String),
    });
    expect(res.headers.location).toBe(file.url);

    expect(await lessonRow(lesson.id)).toEqual({
      file_id: file.id,
      video_url: null,
      duration_seconds: 754,
    });
    const row = await fileRow(file.id);
    expect(row).toMatchObject({ owner_id: owner.id, sha256: file.sha256, deleted_at: null });
    const onDisk = join(storageDirFor(t.app.lectern.config), row!.storage_key);
    expect(readFileSync(onDisk).equals(bytes)).toBe(true);
    expect(JSON.stringify(res.json())).not.toContain(row!.storage_key);

    const [audit] = (await auditRows(t, 'lesson.video_uploaded')).filter(
      (a) => a.resource_id === lesson.id,
    );
    expect(audit).toMatchObject({
      actor_id: owner.id,
      resource_type: 'lesson',
      details: { courseId: course.id, fileId: file.id, sizeBytes: 900, replacedFileId: null },
    });
  });

  it('should replace a previous video, soft-deleting its file, and keep the duration without the field', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const first = await postForm(
      t,
      videoUrl(course.id, lesson.id),
      await multipartBody(mp4(), { durationSeconds: '60' }),
      owner,
    );
    const firstId = first.json().data.id;
    const second = await postForm(
      t,
      videoUrl(course.slug, lesson.id),
      await multipartBody({ bytes: webmBytes(), type: 'video/webm', name: 'v2.webm' }),
      owner,
    );
    expect(second.statusCode).toBe(201);
    const secondId = second.json().data.id;
    expect(await lessonRow(lesson.id)).toMatchObject({ file_id: secondId, duration_seconds: 60 });
    expect((await fileRow(firstId))!.deleted_at).toBeInstanceOf(Date);
    expect((await fileRow(secondId))!.deleted_at).toBeNull();
    const audits = (await auditRows(t, 'lesson.video_uploaded')).filter(
      (a) => a.resource_id === lesson.id,
    );
    expect(audits.at(-1)!.details).toMatchObject({ replacedFileId: firstId });
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/v1/files/${firstId}`, headers: owner.auth }),
      404,
      'FILE_NOT_FOUND',
    );
  });

  it('should take the duration field after the file too', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const res = await postForm(
      t,
      videoUrl(course.id, lesson.id),
      await multipartBody(mp4(), {}, { durationSeconds: '42' }),
      owner,
    );
    expect(res.statusCode).toBe(201);
    expect((await lessonRow(lesson.id)).duration_seconds).toBe(42);
  });

  it('should accept webm, ogg and quicktime, and let staff upload to any course', async () => {
    const { course, section } = await insertPublishedCourse(t, owner.id);
    const uploads = [
      { bytes: webmBytes(), type: 'video/webm', name: 'a.webm' },
      { bytes: oggBytes(), type: 'video/ogg', name: 'a.ogv' },
      { bytes: mp4Bytes(), type: 'video/quicktime', name: 'a.mov' },
      { bytes: mp4Bytes(), type: 'Video/MP4; codecs="avc1"', name: 'a.mp4' },
    ];
    for (const [i, file] of uploads.entries()) {
      const lesson = await insertLesson(t, section, { position: i + 1 });
      const res = await postForm(
        t,
        videoUrl(course.id, lesson.id),
        await multipartBody(file),
        staff,
      );
      expect(res.statusCode, file.type).toBe(201);
      expect(res.json().data.contentType).toBe(file.type.split(';')[0]!.toLowerCase());
    }
  });

  it('should accept a file of exactly UPLOAD_MAX_BYTES', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const res = await postForm(
      t,
      videoUrl(course.id, lesson.id),
      await multipartBody(mp4(mp4Bytes(LIMIT))),
      owner,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().data.sizeBytes).toBe(LIMIT);
  });

  it('should drop the cached views of the course', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const cache = t.app.lectern.cache;
    const key = `media-test:${course.id}`;
    await cache.getOrLoad(key, async () => 'before', { tags: [courseTag(course.id)] });
    const res = await postForm(
      t,
      videoUrl(course.id, lesson.id),
      await multipartBody(mp4()),
      owner,
    );
    expect(res.statusCode).toBe(201);
    expect(await cache.getOrLoad(key, async () => 'after')).toBe('after');
  });

  it('should answer 413 over UPLOAD_MAX_BYTES and keep no row and no file', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    for (const size of [LIMIT + 1, LIMIT * 50]) {
      const res = await postForm(
        t,
        videoUrl(course.id, lesson.id),
        await multipartBody(mp4(mp4Bytes(size)), { durationSeconds: '5' }),
        owner,
      );
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    }
    expect(await snapshot(lesson.id)).toEqual(before);
  });

  it('should answer 415 when the declared type or the magic bytes are not an accepted video', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    const url = videoUrl(course.id, lesson.id);
    const refused = [
      { bytes: Buffer.from('<html><script>alert(1)</script></html>'), type: 'video/mp4' },
      { bytes: webmBytes(), type: 'video/mp4' },
      { bytes: pngBytes(), type: 'video/ogg' },
      { bytes: mp4Bytes(), type: 'text/html' },
      { bytes: mp4Bytes(), type: 'application/octet-stream' },
      { bytes: Buffer.from('ftyp'), type: 'video/mp4' },
    ];
    for (const file of refused) {
      const res = await postForm(t, url, await multipartBody(file), owner);
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await snapshot(lesson.id)).toEqual(before);
  });

  it('should refuse a second file and keep neither', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    const form = new FormData();
    for (const name of ['a.mp4', 'b.mp4'])
      form.append('file', new Blob([new Uint8Array(mp4Bytes())], { type: 'video/mp4' }), name);
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await postForm(
      t,
      videoUrl(course.id, lesson.id),
      {
        payload: Buffer.from(await request.arrayBuffer()),
        headers: { 'content-type': request.headers.get('content-type')! },
      },
      owner,
    );
    expectError(res, 413, 'FILES_LIMIT');
    expect(await snapshot(lesson.id)).toEqual(before);
  });

  it('should answer 415 for a body that is not multipart', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    const json = await t.app.inject({
      method: 'POST',
      url: videoUrl(course.id, lesson.id),
      payload: { file: 'AAAA' },
      headers: owner.auth,
    });
    expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const raw = await t.app.inject({
      method: 'POST',
      url: videoUrl(course.id, lesson.id),
      payload: mp4Bytes(),
      headers: { ...owner.auth, 'content-type': 'video/mp4' },
    });
    expectError(raw, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await snapshot(lesson.id)).toEqual(before);
  });

  it('should answer 400 for bad ids, fields and forms, storing nothing', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    const url = videoUrl(course.id, lesson.id);

    const badId = expectError(
      await postForm(t, videoUrl(course.id, 'not-a-uuid'), await multipartBody(mp4()), owner),
      400,
      'VALIDATION_FAILED',
    );
    expect(badId.details?.[0]?.path).toBe('/params/lid');

    for (const value of ['abc', '-1', '1.5', '999999']) {
      const before = expectError(
        await postForm(t, url, await multipartBody(mp4(), { durationSeconds: value }), owner),
        400,
        'VALIDATION_FAILED',
      );
      expect(before.details?.[0]?.path).toBe('/body/durationSeconds');
      // Sent after the file, the field is checked once the bytes are in: they must go again.
      const after = expectError(
        await postForm(t, url, await multipartBody(mp4(), {}, { durationSeconds: value }), owner),
        400,
        'VALIDATION_FAILED',
      );
      expect(after.details?.[0]?.path).toBe('/body/durationSeconds');
    }

    const unknown = expectError(
      await postForm(t, url, await multipartBody(mp4(), { title: 'x' }), owner),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.details?.[0]?.path).toBe('/body/title');
    const wrongField = expectError(
      await postForm(t, url, await multipartBody({ ...mp4(), field: 'video' }), owner),
      400,
      'VALIDATION_FAILED',
    );
    expect(wrongField.details?.[0]?.path).toBe('/body/video');
    expectError(
      await postForm(t, url, await multipartBody(undefined, { durationSeconds: '5' }), owner),
      400,
      'FILE_REQUIRED',
    );
    expectError(
      await postForm(
        t,
        url,
        await multipartBody({ bytes: Buffer.alloc(0), type: 'video/mp4' }),
        owner,
      ),
      400,
      'EMPTY_FILE',
    );
    expect(await snapshot(lesson.id)).toEqual(before);
  });

  it('should answer 401 anonymous, 403 to learners and to instructors of other courses', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    const url = videoUrl(course.id, lesson.id);
    expectError(await postForm(t, url, await multipartBody(mp4())), 401, 'UNAUTHORIZED');
    expectError(
      await postForm(t, url, await multipartBody(mp4()), learner),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await postForm(t, url, await multipartBody(mp4()), otherInstructor),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expect(await snapshot(lesson.id)).toEqual(before);
  });

  it('should answer 404 for unknown courses and lessons of another course, 409 for lessons that are not videos', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const other = await insertPublishedCourse(t, owner.id);
    const textLesson = await insertLesson(t, await insertSection(t, course.id, 1), {
      kind: 'text',
    });
    const before = await snapshot(lesson.id);
    expectError(
      await postForm(t, videoUrl(UNKNOWN_ID, lesson.id), await multipartBody(mp4()), owner),
      404,
      'COURSE_NOT_FOUND',
    );
    expectError(
      await postForm(t, videoUrl(course.id, other.lesson.id), await multipartBody(mp4()), owner),
      404,
      'LESSON_NOT_FOUND',
    );
    expectError(
      await postForm(t, videoUrl(course.id, UNKNOWN_ID), await multipartBody(mp4()), owner),
      404,
      'LESSON_NOT_FOUND',
    );
    expectError(
      await postForm(t, videoUrl(course.id, textLesson.id), await multipartBody(mp4()), owner),
      409,
      'LESSON_NOT_VIDEO',
    );
    expect(await snapshot(lesson.id)).toEqual(before);
    expect((await lessonRow(textLesson.id)).file_id).toBeNull();
  });

  it('should answer 404 for a deleted course', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const lesson = await insertLesson(t, await insertSection(t, course.id));
    await t.database.query('update courses set deleted_at = now() where id = $1', [course.id]);
    expectError(
      await postForm(t, videoUrl(course.id, lesson.id), await multipartBody(mp4()), owner),
      404,
      'COURSE_NOT_FOUND',
    );
  });
});

describe('uploads over a real socket', () => {
  let address: string;
  beforeAll(async () => {
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('should stream a large body, answer 413 early and keep nothing', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(mp4Bytes(4 * 1024 * 1024))], { type: 'video/mp4' }),
      'big.mp4',
    );
    const res = await fetch(`${address}${videoUrl(course.id, lesson.id)}`, {
      method: 'POST',
      body: form,
      headers: owner.auth,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect(await snapshot(lesson.id)).toEqual(before);
  });

  it('should answer 415 without reading a large body of the wrong type', async () => {
    const { course, lesson } = await insertPublishedCourse(t, owner.id);
    const before = await snapshot(lesson.id);
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(4 * 1024 * 1024)], { type: 'text/plain' }),
      'a.txt',
    );
    const res = await fetch(`${address}${videoUrl(course.id, lesson.id)}`, {
      method: 'POST',
      body: form,
      headers: owner.auth,
    });
    expect(res.status).toBe(415);
    expect(await snapshot(lesson.id)).toEqual(before);
  });
});
