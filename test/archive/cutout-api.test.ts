import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  bufferSource,
  pixelToWorld,
  readCelestialWcs,
  readFitsStructure,
  readImagePlane,
  separation,
} from '#modules/archive/fits/index.js';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { expectError } from '../helpers/factories.js';
import { ingest, skyImage } from './archive-helpers.js';

const { t, uploader, learner } = useCatalogTestApp({ uploader: 'instructor', learner: 'learner' });

const cutout = (id: string, query: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/archive/images/${id}/cutout?${query}`,
    headers: learner.auth,
  });

async function readBack(bytes: Buffer) {
  const source = bufferSource(new Uint8Array(bytes));
  const file = await readFitsStructure(source);
  const hdu = file.hdus[0]!;
  const wcs = readCelestialWcs(hdu.header);
  if (!wcs.ok) throw new Error(wcs.reason);
  return { hdu, wcs: wcs.wcs, plane: await readImagePlane(source, hdu) };
}

describe('GET /archive/images/:id/cutout', () => {
  const sources = [
    { ra: 150, dec: 2 },
    { ra: 359.95, dec: -1 },
    { ra: 45, dec: 88.5 },
  ];

  it.each(sources)(
    'should cut a FITS box whose WCS centre is the requested position ($ra, $dec)',
    async (at) => {
      const up = await ingest(
        t,
        uploader,
        skyImage({ ...at, width: 120, height: 100, scale: 1 / 360 }),
        {
          productName: `cut-${at.ra}`,
        },
      );
      expect(up.statusCode, up.body).toBe(201);
      const image = up.json().data[0];
      // 10″ pixels: 2′ × 1.5′ is 12 × 9 pixels, around a point 3 pixels off the image centre.
      const target = {
        ra: (at.ra + 3 / 360 / Math.cos((at.dec * Math.PI) / 180) + 360) % 360,
        dec: at.dec,
      };
      const res = await cutout(
        image.id,
        `ra=${target.ra}&dec=${target.dec}&width=2&height=1.5&unit=arcmin`,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/fits');
      const { hdu, wcs } = await readBack(res.rawPayload);
      expect(hdu.naxis).toEqual([12, 9]);
      const centre = pixelToWorld(wcs, (12 + 1) / 2, (9 + 1) / 2)!;
      // Within a pixel (the box is whole pixels around the target).
      expect(separation(centre.lon, centre.lat, target.ra, target.dec) * 3600).toBeLessThan(10);
      expect(res.headers['x-cutout-clipped']).toBe('false');
    },
  );

  it('should carry the source pixels and clip at the edge', async () => {
    const up = await ingest(t, uploader, skyImage({ ra: 10, dec: 10, width: 40, height: 30 }), {
      productName: 'cut-pixels',
    });
    const image = up.json().data[0];
    const whole = await readBack(
      (await t.app.inject({ method: 'GET', url: image.links.fits, headers: learner.auth }))
        .rawPayload,
    );
    const res = await cutout(image.id, 'x=5&y=5&width=8&height=6&unit=pixel');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-cutout-clipped']).toBe('false');
    const cut = await readBack(res.rawPayload);
    const [ox, oy] = String(res.headers['x-cutout-origin']).split(',').map(Number);
    for (let y = 0; y < cut.plane.height; y++)
      for (let x = 0; x < cut.plane.width; x++)
        expect(cut.plane.data[y * cut.plane.width + x]).toBe(
          whole.plane.data[(y + oy! - 1) * 40 + (x + ox! - 1)],
        );
    const edge = await cutout(image.id, 'x=1&y=1&width=10&height=10&unit=pixel');
    expect(edge.headers['x-cutout-clipped']).toBe('true');
  });

  it('should render a PNG cutout', async () => {
    const up = await ingest(t, uploader, skyImage({ ra: 20, dec: 20, width: 64, height: 64 }), {
      productName: 'cut-png',
    });
    const res = await cutout(
      up.json().data[0].id,
      'ra=20&dec=20&width=20&height=10&unit=pixel&format=png&stretch=linear',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.rawPayload);
    expect([png.width, png.height]).toEqual([20, 10]);
  });

  it('should answer 400 for a box off the image or a half-given centre', async () => {
    const up = await ingest(t, uploader, skyImage({ ra: 30, dec: 0 }), { productName: 'cut-bad' });
    const id = up.json().data[0].id;
    const off = await cutout(id, 'ra=200&dec=40&width=10&height=10');
    expectError(off, 400, 'CUTOUT_OUTSIDE');
    const half = await cutout(id, 'ra=30&width=10&height=10');
    expect(half.statusCode).toBe(400);
    expect(half.json().error.details[0].path).toBe('/querystring/dec');
    const zero = await cutout(id, 'ra=30&dec=0&width=0&height=10');
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details[0].path).toBe('/querystring/width');
  });
});
