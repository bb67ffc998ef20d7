import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { skyImage } from './archive-helpers.js';

const importDir = mkdtempSync(join(tmpdir(), 'lectern-archive-import-'));
const outside = mkdtempSync(join(tmpdir(), 'lectern-archive-outside-'));
afterAll(() => {
  rmSync(importDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
mkdirSync(join(importDir, 'night-1'));
writeFileSync(join(importDir, 'night-1', 'a.fits'), skyImage({ ra: 10, dec: 10 }));
writeFileSync(join(importDir, 'night-1', 'b.fits'), skyImage({ ra: 11, dec: 10 }));
writeFileSync(join(importDir, 'night-1', 'notes.txt'), 'not a fits file');
writeFileSync(join(importDir, 'broken.fits'), skyImage({ ra: 12, dec: 10 }).subarray(0, 3000));
writeFileSync(join(outside, 'secret.fits'), skyImage({ ra: 1, dec: 1 }));
symlinkSync(join(outside, 'secret.fits'), join(importDir, 'escape.fits'));

const { t, api, staff, uploader } = useCatalogTestApp(
  { staff: 'staff', uploader: 'instructor' },
  { ARCHIVE_IMPORT_DIR: importDir, JOBS_POLL_INTERVAL_MS: '500' },
);

interface Batch {
  id: string;
  status: string;
  counts: Record<string, number>;
  percent: number;
  items: Array<{ source: string; status: string; error: string | null; imageIds: string[] }>;
}

async function waitForBatch(id: string, ms = 60_000): Promise<Batch> {
  const until = Date.now() + ms;
  for (;;) {
    const batch = (await api.get(`/archive/batches/${id}`, staff)).json().data as Batch;
    if (['done', 'failed', 'cancelled'].includes(batch.status) || Date.now() > until) return batch;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const create = (body: object, user = staff) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/archive/batches',
    headers: user.auth,
    payload: body,
  });

describe('archive batches', () => {
  it('should ingest every file, fail the bad one alone and roll the status up to failed', async () => {
    const res = await create({ files: ['night-1', 'broken.fits'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json().data as Batch;
    expect(created.items.map((i) => i.source)).toEqual([
      'night-1/a.fits',
      'night-1/b.fits',
      'broken.fits',
    ]);
    const batch = await waitForBatch(created.id);
    expect(batch.status).toBe('failed');
    expect(batch.counts).toMatchObject({ done: 2, failed: 1, pending: 0 });
    expect(batch.percent).toBe(100);
    const broken = batch.items.find((i) => i.source === 'broken.fits')!;
    expect(broken.error).toMatch(/FITS_INVALID/);
    const done = batch.items.filter((i) => i.status === 'done');
    expect(done.every((i) => i.imageIds.length === 1)).toBe(true);
    const image = await api.get(`/archive/images/${done[0]!.imageIds[0]}`, staff);
    expect(image.json().data.productName).toBe('a');
    const events = await t.database.query<{ type: string; data: { status: string } }>(
      "select type, data from outbox_events where type = 'batch.completed' and subject_id = $1",
      [created.id],
    );
    expect(events.map((e) => e.data.status)).toEqual(['failed']);

    // Fixed on disk, the failed item goes again and the batch is done.
    writeFileSync(join(importDir, 'broken.fits'), skyImage({ ra: 12, dec: 10 }));
    const retried = await t.app.inject({
      method: 'POST',
      url: `/api/v1/archive/batches/${created.id}/retry`,
      headers: staff.auth,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    const after = await waitForBatch(created.id);
    expect(after.status).toBe('done');
    expect(after.counts).toMatchObject({ done: 3, failed: 0 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/archive/batches/${created.id}/retry`,
      headers: staff.auth,
    });
    expectError(again, 409, 'NOTHING_TO_RETRY');
  });

  it.each([
    [['../etc/passwd'], '/body/files/0'],
    [['night-1', 'escape.fits'], '/body/files/1'],
    [['missing.fits'], '/body/files/0'],
    [[], '/body/files'],
  ])('should refuse %j naming the entry, and create nothing', async (files, path) => {
    const before = await countRows(t, 'archive_batches');
    const res = await create({ files });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countRows(t, 'archive_batches')).toBe(before);
  });

  it('should be for archive managers only', async () => {
    expect((await create({ files: ['night-1'] }, uploader)).statusCode).toBe(403);
    const list = await api.get('/archive/batches', uploader);
    expect(list.statusCode).toBe(403);
    const mine = await api.get('/archive/batches', staff);
    expect(mine.json().data.length).toBeGreaterThan(0);
  });
});
