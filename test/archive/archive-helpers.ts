import {
  type CardInput,
  concatBytes,
  imageHdu,
} from '#modules/archive/fits/testing/fits-writer.js';
import { multipartBody } from '../catalog/media-helpers.js';
import type { TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

export interface SkyImageSpec {
  ra: number;
  dec: number;
  width?: number;
  height?: number;
  /** Degrees per pixel. */
  scale?: number;
  object?: string;
  telescope?: string;
  /** Planes along a third (frequency) axis. */
  planes?: number;
  checksum?: boolean;
  extra?: CardInput[];
  primary?: boolean;
}

/** The cards of a TAN projection centred on (ra, dec) at the image centre. */
export function tanCards(spec: SkyImageSpec): CardInput[] {
  const width = spec.width ?? 32;
  const height = spec.height ?? 24;
  const scale = spec.scale ?? 1 / 60;
  return [
    ['CTYPE1', 'RA---TAN'],
    ['CTYPE2', 'DEC--TAN'],
    ['CRVAL1', spec.ra],
    ['CRVAL2', spec.dec],
    ['CRPIX1', (width + 1) / 2],
    ['CRPIX2', (height + 1) / 2],
    ['CDELT1', -scale],
    ['CDELT2', scale],
    ['CUNIT1', 'deg'],
    ['CUNIT2', 'deg'],
    ['RADESYS', 'ICRS'],
  ];
}

/** A float32 image HDU on the sky: a smooth ramp with a bright source at the centre. */
export function skyImageHdu(spec: SkyImageSpec): Uint8Array {
  const width = spec.width ?? 32;
  const height = spec.height ?? 24;
  const planes = spec.planes ?? 1;
  const values = Array.from({ length: width * height * planes }, (_, i) => {
    const x = i % width;
    const y = Math.floor(i / width) % height;
    const p = Math.floor(i / (width * height));
    const r2 = (x - width / 2) ** 2 + (y - height / 2) ** 2;
    return 10 * p + x * 0.1 + Math.sin(i) * 0.01 + 100 * Math.exp(-r2 / 8);
  });
  const naxis = planes > 1 ? [width, height, planes] : [width, height];
  const cards: CardInput[] = [
    ...tanCards(spec),
    ...(planes > 1
      ? ([
          ['CTYPE3', 'FREQ'],
          ['CRVAL3', 1.4e9],
          ['CDELT3', 1e6],
          ['CRPIX3', 1],
          ['CUNIT3', 'Hz'],
        ] as CardInput[])
      : []),
    ['OBJECT', spec.object ?? 'TEST FIELD'],
    ['TELESCOP', spec.telescope ?? 'LECTERN-T1'],
    ['INSTRUME', 'CAMERA'],
    ['DATE-OBS', '2024-03-01T20:15:00'],
    ['BUNIT', 'Jy/beam'],
    ['BMAJ', 0.01],
    ['BMIN', 0.008],
    ['BPA', 30],
    ...(spec.extra ?? []),
  ];
  return imageHdu({
    bitpix: -32,
    naxis,
    values,
    cards,
    checksum: spec.checksum ?? false,
    primary: spec.primary ?? true,
  });
}

export const skyImage = (spec: SkyImageSpec) => Buffer.from(skyImageHdu(spec));

/** A primary image and an IMAGE extension at another position. */
export const twoImageFile = (a: SkyImageSpec, b: SkyImageSpec) =>
  Buffer.from(concatBytes(skyImageHdu(a), skyImageHdu({ ...b, primary: false })));

/** Uploads FITS bytes to POST /archive/images as `user`, with optional form fields. */
export async function ingest(
  t: TestApp,
  user: TestUser | undefined,
  bytes: Buffer,
  fields: Record<string, string> = {},
  { name = 'field.fits', type = 'application/fits' } = {},
) {
  const body = await multipartBody({ bytes, type, name }, fields);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/archive/images',
    payload: body.payload,
    headers: { ...body.headers, ...(user ? user.auth : {}) },
  });
}
