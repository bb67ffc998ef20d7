import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { separation } from '#modules/archive/fits/index.js';
import { storedFilesOnDisk } from '../catalog/media-helpers.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { ingest, skyImage, twoImageFile } from './archive-helpers.js';

const { t, uploader, otherUploader, staff, learner } = useCatalogTestApp({
  uploader: 'instructor',
  otherUploader: 'instructor',
  staff: 'staff',
  learner: 'learner',
});

const get = (url: string, user = learner, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...user.auth, ...headers } });

interface ImageBody {
  id: string;
  productName: string;
  productVersion: number;
  latest: boolean;
  hduIndex: number;
  centre: { ra: number; dec: number } | null;
  qa: { grade: string; rule: string; reason: string | null; rating: number | null };
  checksumStatus: string;
  links: { fits: string; preview: string };
  shape: number[];
  distanceDeg?: number;
  object: string | null;
  footprint: [number, number][] | null;
}

async function ingestOk(bytes: Buffer, fields: Record<string, string> = {}, name = 'field.fits') {
  const res = await ingest(t, uploader, bytes, fields, { name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().data as ImageBody[];
}

describe('POST /archive/images', () => {
  it('should ingest a FITS file as one image per image HDU, on the sky where its WCS says', async () => {
    const [image] = await ingestOk(skyImage({ ra: 150.1, dec: 2.2, object: 'COSMOS' }), {
      productName: 'cosmos-a',
    });
    expect(image).toMatchObject({
      productName: 'cosmos-a',
      productVersion: 1,
      latest: true,
      hduIndex: 0,
      shape: [32, 24],
      object: 'COSMOS',
      checksumStatus: 'absent',
      qa: { grade: 'good' },
    });
    expect(separation(image!.centre!.ra, image!.centre!.dec, 150.1, 2.2) * 3600).toBeLessThan(1);
    expect(image!.footprint).toHaveLength(4);

    const header = await get(`/api/v1/archive/images/${image!.id}/header?keyword=OBJECT`);
    expect(header.json().data).toEqual([
      expect.objectContaining({ keyword: 'OBJECT', value: 'COSMOS' }),
    ]);
    const byKeyword = await get('/api/v1/archive/images?keyword=OBJECT&value=COSMOS');
    expect(byKeyword.json().data.map((i: ImageBody) => i.id)).toEqual([image!.id]);
  });

  it('should ingest every image extension of a multi-extension file', async () => {
    const images = await ingestOk(
      twoImageFile({ ra: 10, dec: -5 }, { ra: 10.5, dec: -5.5, object: 'SECOND' }),
      {},
      'pair.fits',
    );
    expect(images.map((i) => [i.productName, i.hduIndex])).toEqual([
      ['pair', 0],
      ['pair', 1],
    ]);
    expect(images[1]!.object).toBe('SECOND');
    expect(separation(images[1]!.centre!.ra, images[1]!.centre!.dec, 10.5, -5.5)).toBeLessThan(
      1e-3,
    );
  });

  it('should make a new version when a product is ingested again, and keep the old one', async () => {
    const [v1] = await ingestOk(skyImage({ ra: 200, dec: 40 }), { productName: 'm51' });
    const [v2] = await ingestOk(skyImage({ ra: 200, dec: 40, object: 'M51 reprocessed' }), {
      productName: 'm51',
    });
    expect([v1!.productVersion, v2!.productVersion]).toEqual([1, 2]);
    const versions = await get(`/api/v1/archive/images/${v1!.id}/versions`);
    expect(versions.json().data.map((i: ImageBody) => [i.id, i.productVersion, i.latest])).toEqual([
      [v1!.id, 1, false],
      [v2!.id, 2, true],
    ]);
    const children = await get(`/api/v1/archive/images/${v1!.id}/children`);
    expect(children.json().data).toEqual([
      { relation: 'reprocessed_as', image: expect.objectContaining({ id: v2!.id }) },
    ]);
    const provenance = (await get(`/api/v1/archive/images/${v2!.id}/provenance`)).json().data;
    expect(provenance.ancestors).toEqual([
      expect.objectContaining({ parentId: v1!.id, childId: v2!.id, relation: 'reprocessed_as' }),
    ]);
    expect(provenance.images.map((i: ImageBody) => i.id)).toEqual([v1!.id]);
    const latest = await get('/api/v1/archive/images?productName=m51&latest=true');
    expect(latest.json().data.map((i: ImageBody) => i.id)).toEqual([v2!.id]);
  });

  it('should record derived products and refuse provenance cycles', async () => {
    const [parent] = await ingestOk(skyImage({ ra: 30, dec: 30 }), { productName: 'raw-30' });
    const [child] = await ingestOk(skyImage({ ra: 30, dec: 30 }), {
      productName: 'clean-30',
      parentId: parent!.id,
      relation: 'derived_from',
    });
    const down = (await get(`/api/v1/archive/images/${parent!.id}/provenance`)).json().data;
    expect(down.descendants).toEqual([
      expect.objectContaining({ parentId: parent!.id, childId: child!.id }),
    ]);
    const cycle = await t.app.inject({
      method: 'POST',
      url: `/api/v1/archive/images/${parent!.id}/provenance`,
      headers: uploader.auth,
      payload: { parentId: child!.id, relation: 'derived_from' },
    });
    expectError(cycle, 422, 'PROVENANCE_CYCLE');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/archive/images/${child!.id}/provenance`,
      headers: uploader.auth,
      payload: { parentId: parent!.id, relation: 'derived_from' },
    });
    expectError(again, 409, 'PROVENANCE_EXISTS');
  });

  it('should refuse a truncated or non-FITS file with the engine message and keep nothing', async () => {
    const images = await countRows(t, 'archive_images');
    const files = await countRows(t, 'stored_files');
    const onDisk = storedFilesOnDisk(t).length;
    const whole = skyImage({ ra: 1, dec: 1 });
    const truncated = await ingest(t, uploader, whole.subarray(0, 2880 + 100));
    const error = expectError(truncated, 422, 'FITS_INVALID');
    expect(error.message).toMatch(/HDU 0/);
    expect(error.details?.[0]).toMatchObject({ path: '/body/file', fitsCode: 'FITS_TRUNCATED' });
    const text = await ingest(
      t,
      uploader,
      Buffer.from('not a fits file at all\n'.repeat(200)),
      {},
      {
        type: 'application/octet-stream',
      },
    );
    expectError(text, 422, 'FITS_INVALID');
    const png = await ingest(
      t,
      uploader,
      Buffer.from('\x89PNG\r\n\x1a\n0000000000000000'),
      {},
      {
        type: 'application/fits',
      },
    );
    expect(png.statusCode).toBe(415);
    expect(await countRows(t, 'archive_images')).toBe(images);
    expect(await countRows(t, 'stored_files')).toBe(files);
    expect(storedFilesOnDisk(t)).toHaveLength(onDisk);
  });

  it('should ingest a file failing its checksum with QA fail and the reason', async () => {
    const bytes = skyImage({ ra: 5, dec: 5, checksum: true });
    const good = await ingestOk(Buffer.from(bytes), { productName: 'checked' });
    expect(good[0]).toMatchObject({ checksumStatus: 'ok', qa: { grade: 'good' } });
    const corrupted = Buffer.from(bytes);
    corrupted[corrupted.length - 100] ^= 0xff;
    const [bad] = await ingestOk(corrupted, { productName: 'corrupted' });
    expect(bad).toMatchObject({
      checksumStatus: 'failed',
      qa: { grade: 'fail', rule: 'checksum' },
    });
    const failing = await get('/api/v1/archive/images?qaGrade=fail');
    expect(failing.json().data.map((i: ImageBody) => i.id)).toContain(bad!.id);
  });

  it('should check the form fields and the role', async () => {
    const bytes = skyImage({ ra: 1, dec: 1 });
    expectError(
      await ingest(t, uploader, bytes, { parentId: UNKNOWN_ID }),
      422,
      'PARENT_NOT_FOUND',
    );
    const badName = await ingest(t, uploader, bytes, { productName: ' spaced' });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.details[0].path).toBe('/body/productName');
    expect((await ingest(t, learner, bytes)).statusCode).toBe(403);
    expect((await ingest(t, undefined, bytes)).statusCode).toBe(401);
  });
});

describe('GET /archive/images (sky search)', () => {
  it('should find exactly the images within a cone across RA 0/360 and at a pole', async () => {
    const positions = [
      { ra: 359.8, dec: 0.1 },
      { ra: 0.3, dec: -0.2 },
      { ra: 1.5, dec: 0 },
      { ra: 358, dec: 0 },
      { ra: 12, dec: 89.7 },
      { ra: 192, dec: 89.6 },
      { ra: 100, dec: 88.2 },
    ];
    const ids = new Map<string, { ra: number; dec: number }>();
    for (const p of positions) {
      const [image] = await ingestOk(skyImage(p), { productName: `cone-${p.ra}-${p.dec}` });
      ids.set(image!.id, image!.centre!);
    }
    for (const cone of [
      { ra: 0, dec: 0, radius: 1 },
      { ra: 359.9, dec: 0, radius: 0.5 },
      { ra: 0, dec: 90, radius: 1 },
      { ra: 250, dec: 89.5, radius: 0.8 },
    ]) {
      const res = await get(
        `/api/v1/archive/images?ra=${cone.ra}&dec=${cone.dec}&radius=${cone.radius}&sort=distance&limit=100`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const found = res.json().data as ImageBody[];
      const expected = [...ids]
        .filter(([, c]) => separation(cone.ra, cone.dec, c.ra, c.dec) <= cone.radius)
        .map(([id]) => id)
        .sort();
      expect(
        found
          .map((i) => i.id)
          .filter((id) => ids.has(id))
          .sort(),
      ).toEqual(expected);
      const distances = found.map((i) => i.distanceDeg!);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }
  });

  it('should find the images whose footprint holds a point', async () => {
    const [image] = await ingestOk(skyImage({ ra: 80, dec: -30, width: 60, height: 60 }), {
      productName: 'footprint-80',
    });
    const inside = await get('/api/v1/archive/images?containsRa=80.3&containsDec=-30.3');
    expect(inside.json().data.map((i: ImageBody) => i.id)).toContain(image!.id);
    const outside = await get('/api/v1/archive/images?containsRa=81.5&containsDec=-30');
    expect(outside.json().data.map((i: ImageBody) => i.id)).not.toContain(image!.id);
  });

  it('should page with cursors without losing or repeating an image', async () => {
    const seen: string[] = [];
    let url = '/api/v1/archive/images?limit=3&sort=oldest';
    for (;;) {
      const res = await get(url);
      seen.push(...res.json().data.map((i: ImageBody) => i.id));
      const next = res.json().meta.nextCursor;
      if (!next) break;
      url = `/api/v1/archive/images?limit=3&sort=oldest&cursor=${encodeURIComponent(next)}`;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await countRows(t, 'archive_images'));
    expect(seen).toEqual([...seen].sort());
  });

  it.each([
    ['ra=400&dec=0&radius=1', '/querystring/ra'],
    ['ra=10&dec=-91&radius=1', '/querystring/dec'],
    ['ra=10&dec=0&radius=0', '/querystring/radius'],
    ['ra=10&dec=0&radius=181', '/querystring/radius'],
    ['ra=10&dec=0', '/querystring/radius'],
    ['sort=distance', '/querystring/sort'],
    ['containsRa=10', '/querystring/containsDec'],
  ])('should answer 400 naming the field for %s', async (query, path) => {
    const res = await get(`/api/v1/archive/images?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});

describe('image data', () => {
  it('should serve the original FITS bytes with ETag and byte ranges', async () => {
    const bytes = twoImageFile({ ra: 40, dec: 40 }, { ra: 41, dec: 41 });
    const [image] = await ingestOk(bytes, { productName: 'download' });
    const whole = await get(image!.links.fits);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('application/fits');
    expect(whole.rawPayload.equals(bytes)).toBe(true);
    const etag = String(whole.headers.etag);
    const part = await get(image!.links.fits, learner, { range: 'bytes=2880-5759' });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(bytes.subarray(2880, 5760))).toBe(true);
    expect((await get(image!.links.fits, learner, { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('should render a preview once and serve it from storage afterwards', async () => {
    const [image] = await ingestOk(skyImage({ ra: 60, dec: 10, width: 64, height: 48 }), {
      productName: 'preview',
    });
    const before = await countRows(t, 'archive_previews');
    const first = await get(`${image!.links.preview}?stretch=asinh&size=32`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(first.rawPayload);
    expect([png.width, png.height]).toEqual([32, 24]);
    const second = await get(`${image!.links.preview}?stretch=asinh&size=32`);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(await countRows(t, 'archive_previews')).toBe(before + 1);
    const cached = await get(`${image!.links.preview}?stretch=asinh&size=32`, learner, {
      'if-none-match': String(first.headers.etag),
    });
    expect(cached.statusCode).toBe(304);
    const thumb = await get(`/api/v1/archive/images/${image!.id}/thumbnail.png`);
    expect(PNG.sync.read(thumb.rawPayload).width).toBe(64);
    const badPlane = await get(`${image!.links.preview}?plane=3`);
    expect(badPlane.statusCode).toBe(400);
    expect(badPlane.json().error.details[0].path).toBe('/querystring/plane');
  });

  it('should give statistics per plane of a cube', async () => {
    const [cube] = await ingestOk(skyImage({ ra: 70, dec: 20, planes: 3 }), {
      productName: 'cube',
    });
    expect(cube!.shape).toEqual([32, 24, 3]);
    const p0 = (await get(`/api/v1/archive/images/${cube!.id}/stats?plane=0`)).json().data;
    const p2 = (await get(`/api/v1/archive/images/${cube!.id}/stats?plane=2`)).json().data;
    expect(p2.stats.mean - p0.stats.mean).toBeCloseTo(20, 3);
    const stored = (await get(`/api/v1/archive/images/${cube!.id}/stats`)).json().data;
    expect(stored.plane).toBeNull();
    expect(typeof stored.stats.mean).toBe('number');
    expect((await get(`/api/v1/archive/images/${cube!.id}/stats?plane=3`)).statusCode).toBe(400);
  });
});

describe('QA, deletion and access', () => {
  it('should keep a human rating beside the automatic grade', async () => {
    const [image] = await ingestOk(skyImage({ ra: 90, dec: 0 }), { productName: 'rated' });
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/archive/images/${image!.id}/qa`,
      headers: staff.auth,
      payload: { rating: 4, comment: 'clean' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().data).toMatchObject({ grade: 'good', rating: 4, comment: 'clean' });
    const qa = await get(`/api/v1/archive/images/${image!.id}/qa`);
    expect(qa.json().data.rating).toBe(4);
    const detail = await get(`/api/v1/archive/images/${image!.id}`);
    expect(detail.json().data.qa.rating).toBe(4);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/archive/images/${image!.id}/qa`,
      headers: staff.auth,
      payload: { rating: 9 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('/body/rating');
    const byLearner = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/archive/images/${image!.id}/qa`,
      headers: learner.auth,
      payload: { rating: 1 },
    });
    expect(byLearner.statusCode).toBe(403);
  });

  it('should let only the uploader or a manager delete, softly', async () => {
    const [image] = await ingestOk(skyImage({ ra: 95, dec: 0 }), { productName: 'doomed' });
    const url = `/api/v1/archive/images/${image!.id}`;
    const del = (user = uploader) => t.app.inject({ method: 'DELETE', url, headers: user.auth });
    expect((await del(otherUploader)).statusCode).toBe(403);
    expect((await del(learner)).statusCode).toBe(403);
    expect((await del()).statusCode).toBe(204);
    expectError(await get(url), 404, 'IMAGE_NOT_FOUND');
    expect((await get(image!.links.fits)).statusCode).toBe(404);
    const search = await get('/api/v1/archive/images?productName=doomed');
    expect(search.json().data).toEqual([]);
    const [row] = await t.database.query<{ deleted_at: Date | null }>(
      'select deleted_at from archive_images where id = $1',
      [image!.id],
    );
    expect(row!.deleted_at).not.toBeNull();
  });

  it('should answer 401 to anonymous readers and 404 for unknown images', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/archive/images' });
    expect(anonymous.statusCode).toBe(401);
    expectError(await get(`/api/v1/archive/images/${UNKNOWN_ID}`), 404, 'IMAGE_NOT_FOUND');
    expect((await get('/api/v1/archive/images/not-a-uuid')).statusCode).toBe(400);
  });
});
