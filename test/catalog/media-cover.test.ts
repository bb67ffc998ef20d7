import { describe, expect, it } from 'vitest';
import { courseTag } from '#modules/catalog/cache-tags.js';
import { insertCourse } from '../helpers/catalog-factories.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { auditRows, countRows, expectError } from '../helpers/factories.js';
import {
  jpegBytes,
  mp4Bytes,
  multipartBody,
  pngBytes,
  postForm,
  storedFilesOnDisk,
} from './media-helpers.js';

const FIVE_MB = 5 * 1024 * 1024;

const { t, owner, otherInstructor, admin, learner } = useCatalogTestApp({
  owner: 'instructor',
  otherInstructor: 'instructor',
  admin: 'admin',
  learner: 'learner',
});

const coverUrl = (courseRef: string) => `/api/v1/courses/${courseRef}/cover`;
const png = (bytes = pngBytes()) => ({ bytes, type: 'image/png', name: 'cover.png' });

async function courseRow(id: string) {
  const [row] = await t.database.query<{ cover_file_id: string | null; version: number }>(
    'select cover_file_id, version from courses where id = $1',
    [id],
  );
  return row!;
}

async function snapshot(courseId: string) {
  return {
    files: await countRows(t, 'stored_files'),
    onDisk: storedFilesOnDisk(t).length,
    course: await courseRow(courseId),
    audits: (await auditRows(t, 'course.cover_uploaded')).length,
  };
}

describe('POST /api/v1/courses/:id/cover', () => {
  it('should store the image as the cover, bump the version, audit and answer 201', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const res = await postForm(t, coverUrl(course.id), await multipartBody(png()), owner);
    expect(res.statusCode).toBe(201);
    const file = res.json().data;
    expect(file).toMatchObject({ filename: 'cover.png', contentType: 'image/png', sizeBytes: 400 });
    expect(await courseRow(course.id)).toEqual({ cover_file_id: file.id, version: 2 });
    const [audit] = (await auditRows(t, 'course.cover_uploaded')).filter(
      (a) => a.resource_id === course.id,
    );
    expect(audit).toMatchObject({
      actor_id: owner.id,
      resource_type: 'course',
      details: { fileId: file.id, replacedFileId: null },
    });
  });

  it('should replace the previous cover (soft-deleted) and drop cached views; admins may too', async () => {
    const course = await insertCourse(t, { ownerId: owner.id, status: 'published' });
    const first = (
      await postForm(t, coverUrl(course.slug), await multipartBody(png()), owner)
    ).json().data;
    const cache = t.app.lectern.cache;
    await cache.getOrLoad(`cover-test:${course.id}`, async () => 'before', {
      tags: [courseTag(course.id)],
    });
    const second = await postForm(
      t,
      coverUrl(course.id),
      await multipartBody({ bytes: jpegBytes(), type: 'image/jpeg', name: 'c.jpg' }),
      admin,
    );
    expect(second.statusCode).toBe(201);
    expect((await courseRow(course.id)).cover_file_id).toBe(second.json().data.id);
    const [old] = await t.database.query<{ deleted_at: Date | null }>(
      'select deleted_at from stored_files where id = $1',
      [first.id],
    );
    expect(old!.deleted_at).toBeInstanceOf(Date);
    expect(await cache.getOrLoad(`cover-test:${course.id}`, async () => 'after')).toBe('after');
    expect((await t.app.inject({ method: 'GET', url: first.url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: second.json().data.url })).statusCode).toBe(
      200,
    );
  });

  it('should answer 413 over 5 MB and keep nothing', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const before = await snapshot(course.id);
    const res = await postForm(
      t,
      coverUrl(course.id),
      await multipartBody(png(pngBytes(FIVE_MB + 1))),
      owner,
    );
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await snapshot(course.id)).toEqual(before);
  });

  it('should answer 415 for videos, other images and lies about the type, keeping nothing', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const before = await snapshot(course.id);
    const refused = [
      { bytes: mp4Bytes(), type: 'video/mp4' },
      { bytes: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), type: 'image/gif' },
      { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), type: 'image/svg+xml' },
      { bytes: Buffer.from('<svg onload="alert(1)"/>'), type: 'image/png' },
      { bytes: jpegBytes(), type: 'image/png' },
    ];
    for (const file of refused)
      expectError(
        await postForm(t, coverUrl(course.id), await multipartBody(file), owner),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    expect(await snapshot(course.id)).toEqual(before);
  });

  it('should answer 400 for fields the form does not have and for a form without a file', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const before = await snapshot(course.id);
    const extra = expectError(
      await postForm(
        t,
        coverUrl(course.id),
        await multipartBody(png(), { durationSeconds: '3' }),
        owner,
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(extra.details?.[0]?.path).toBe('/body/durationSeconds');
    expectError(
      await postForm(t, coverUrl(course.id), await multipartBody(undefined), owner),
      400,
      'FILE_REQUIRED',
    );
    expect(await snapshot(course.id)).toEqual(before);
  });

  it('should answer 401, 403 and 404 and keep nothing', async () => {
    const course = await insertCourse(t, { ownerId: owner.id });
    const before = await snapshot(course.id);
    const body = await multipartBody(png());
    expectError(await postForm(t, coverUrl(course.id), body), 401, 'UNAUTHORIZED');
    expectError(await postForm(t, coverUrl(course.id), body, learner), 403, 'PERMISSION_DENIED');
    expectError(
      await postForm(t, coverUrl(course.id), body, otherInstructor),
      403,
      'NOT_COURSE_INSTRUCTOR',
    );
    expectError(
      await postForm(t, coverUrl('no-such-course'), body, owner),
      404,
      'COURSE_NOT_FOUND',
    );
    expect(await snapshot(course.id)).toEqual(before);
  });
});
