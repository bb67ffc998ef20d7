import type { ByteSource } from './byte-source.js';
import type { FitsValue } from './card-value.js';
import { FitsError } from './errors.js';
import { type HeaderCard, type PrimaryImageInput, writePrimaryImage } from './fits-writer.js';
import { type Hdu, readFitsStructure } from './hdu-walker.js';
import type { Header } from './header.js';
import { imageGeometry, isImageHdu, pixelByteRange } from './image-reader.js';
import { pickHdu } from './inspect.js';
import { scalingOf } from './scaling.js';
import { type CelestialWcs, pixelToWorld, readCelestialWcs } from './wcs.js';
import { worldToPixel } from './world-to-pixel.js';

export type CutoutUnit = 'arcsec' | 'arcmin' | 'pixel';

export interface CutoutRequest {
  /** HDU index; default: the first HDU with image data. */
  hdu?: number;
  /** 0-based index into axes 3+ of a cube; default 0. */
  plane?: number;
  /**
   * The box's centre: a sky position in degrees (read in the image's own celestial frame, e.g.
   * GLON/GLAT for a galactic image) or a FITS 1-based pixel position.
   */
  centre: { ra: number; dec: number } | { x: number; y: number };
  width: number;
  height: number;
  unit: CutoutUnit;
}

export interface CutoutResult {
  /** A one-HDU FITS file: the cut pixels with the source's useful cards and a shifted WCS. */
  fits: Uint8Array;
  hdu: number;
  width: number;
  height: number;
  /** 1-based pixel of the source that becomes pixel (1,1). */
  origin: { x: number; y: number };
  /** World position of the cutout's centre pixel; null without a celestial WCS. */
  centre: { ra: number; dec: number } | null;
  /** True when the requested box reached past the image's edges and was cut back. */
  clipped: boolean;
}

/** Largest box side, in pixels, a request may ask for. */
export const MAX_CUTOUT_SIDE = 16384;
/** Rows of the source are read in runs of about this many bytes. */
const READ_BYTES = 4 * 1024 * 1024;

const KEPT = [
  'OBJECT',
  'TELESCOP',
  'INSTRUME',
  'OBSERVER',
  'DATE-OBS',
  'DATE-END',
  'MJD-OBS',
  'MJD-END',
  'EXPTIME',
  'FILTER',
  'BUNIT',
  'RADESYS',
  'RADECSYS',
  'EQUINOX',
  'EPOCH',
  'MJDREF',
  'RESTFRQ',
  'RESTFREQ',
  'RESTWAV',
  'SPECSYS',
  'VELREF',
  'BMAJ',
  'BMIN',
  'BPA',
];
const WCS_AXIS = ['CTYPE', 'CUNIT', 'CRVAL', 'CDELT'];
const WCS_PAIRS = ['CD', 'PC'];
const WCS_OTHER = ['LONPOLE', 'LATPOLE', 'CROTA2'];

function fail(
  code: ConstructorParameters<typeof FitsError>[0],
  what: string,
  hdu?: number,
): FitsError {
  return new FitsError(code, what, hdu === undefined ? {} : { hdu });
}

function pickImage(file: Awaited<ReturnType<typeof readFitsStructure>>, index?: number): Hdu {
  const hdu = index === undefined ? file.hdus.find(isImageHdu) : pickHdu(file, index);
  if (!hdu || !isImageHdu(hdu)) {
    throw new FitsError(
      'FITS_NOT_IMAGE',
      index === undefined
        ? 'the file has no HDU with image data'
        : `HDU ${index} has no image data`,
      index === undefined ? {} : { hdu: index },
    );
  }
  return hdu;
}

/** Box side in pixels for a size in the request's unit along an image axis. */
function sideInPixels(
  size: number,
  unit: CutoutUnit,
  arcsecPerPixel: number | undefined,
  axis: string,
  hdu: number,
): number {
  if (!Number.isFinite(size) || size <= 0) {
    throw fail('FITS_BAD_ARGUMENT', `cutout ${axis} must be a positive number, got ${size}`, hdu);
  }
  let pixels = size;
  if (unit !== 'pixel') {
    if (!arcsecPerPixel) {
      throw fail(
        'FITS_NO_WCS',
        `a cutout size in ${unit} needs a celestial WCS with a pixel scale`,
        hdu,
      );
    }
    pixels = (size * (unit === 'arcmin' ? 60 : 1)) / arcsecPerPixel;
  }
  if (!(pixels <= MAX_CUTOUT_SIDE)) {
    throw fail(
      'FITS_CUTOUT_TOO_LARGE',
      `cutout ${axis} of ${size} ${unit} is ${Math.round(pixels)} pixels, more than ${MAX_CUTOUT_SIDE}`,
      hdu,
    );
  }
  return Math.max(1, Math.round(pixels));
}

function centrePixel(
  request: CutoutRequest,
  wcs: CelestialWcs | null,
  reason: string,
  hdu: number,
): { x: number; y: number } {
  const c = request.centre;
  if ('x' in c) {
    if (!Number.isFinite(c.x) || !Number.isFinite(c.y)) {
      throw fail('FITS_BAD_ARGUMENT', `cutout centre pixel (${c.x}, ${c.y}) is not a number`, hdu);
    }
    return { x: c.x, y: c.y };
  }
  if (!Number.isFinite(c.ra) || !Number.isFinite(c.dec) || Math.abs(c.dec) > 90) {
    throw fail('FITS_BAD_ARGUMENT', `cutout centre (${c.ra}, ${c.dec}) is not a sky position`, hdu);
  }
  if (!wcs)
    throw fail('FITS_NO_WCS', `a cutout at a sky position needs a celestial WCS: ${reason}`, hdu);
  const p = worldToPixel(wcs, c.ra, c.dec);
  if (!p) {
    throw fail(
      'FITS_CUTOUT_NO_PROJECTION',
      `sky position (${c.ra}, ${c.dec}) does not project onto the image's ${wcs.projection} plane`,
      hdu,
    );
  }
  return p;
}

/** First and last source pixel of a box of n pixels centred on c, before clipping. */
function span(c: number, n: number): [number, number] {
  const first = Math.round(c - (n - 1) / 2);
  return [first, first + n - 1];
}

/** Lenient readers let other bytes into header text; the writer takes printable ASCII only. */
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

function card(header: Header, keyword: string, value?: FitsValue): HeaderCard {
  const source = header.card(keyword);
  const v = value ?? source?.value ?? null;
  return {
    keyword,
    value: typeof v === 'string' ? ascii(v) : v,
    ...(source?.comment ? { comment: ascii(source.comment) } : {}),
  };
}

function outputCards(hdu: Hdu, origin: { x: number; y: number }, note: string): HeaderCard[] {
  const h = hdu.header;
  const cards: HeaderCard[] = [];
  const copy = (k: string) => {
    if (h.has(k)) cards.push(card(h, k));
  };
  for (const k of KEPT) copy(k);
  const hasWcs = ['CTYPE1', 'CTYPE2', 'CRPIX1', 'CRPIX2', 'CRVAL1', 'CRVAL2'].some((k) => h.has(k));
  if (h.has('WCSAXES') || hasWcs) cards.push({ keyword: 'WCSAXES', value: 2 });
  for (const prefix of WCS_AXIS) for (const i of [1, 2]) copy(`${prefix}${i}`);
  if (hasWcs) {
    cards.push(
      card(h, 'CRPIX1', (h.number('CRPIX1') ?? 0) - (origin.x - 1)),
      card(h, 'CRPIX2', (h.number('CRPIX2') ?? 0) - (origin.y - 1)),
    );
  }
  for (const prefix of WCS_PAIRS)
    for (const i of [1, 2]) for (const j of [1, 2]) copy(`${prefix}${i}_${j}`);
  const pv = new Set(h.keywords().filter((k) => /^PV[12]_\d+$/.test(k)));
  for (const k of pv) copy(k);
  for (const k of WCS_OTHER) copy(k);
  cards.push({ keyword: 'HISTORY', comment: ascii(note) });
  return cards;
}

/**
 * Cuts a box out of one image plane: centred on a sky or pixel position, clipped to the image,
 * written as a 2-D primary HDU with the source's stored values (BITPIX, BSCALE/BZERO, BLANK
 * kept) and a WCS shifted to the new origin. Reads only the rows the box covers.
 */
export async function cutoutSource(
  source: ByteSource,
  request: CutoutRequest,
): Promise<CutoutResult> {
  const file = await readFitsStructure(source);
  const hdu = pickImage(file, request.hdu);
  const g = imageGeometry(hdu);
  const plane = request.plane ?? 0;
  const range = pixelByteRange(hdu, plane);
  const wcsResult = readCelestialWcs(hdu.header);
  const wcs = wcsResult.ok ? wcsResult.wcs : null;
  const m = wcs?.matrix;
  const scaleX = m ? Math.hypot(m[0][0], m[1][0]) * 3600 : undefined;
  const scaleY = m ? Math.hypot(m[0][1], m[1][1]) * 3600 : undefined;
  const width = sideInPixels(request.width, request.unit, scaleX, 'width', hdu.index);
  const height = sideInPixels(request.height, request.unit, scaleY, 'height', hdu.index);
  const c = centrePixel(request, wcs, wcsResult.ok ? '' : wcsResult.reason, hdu.index);
  const [x0, x1] = span(c.x, width);
  const [y0, y1] = span(c.y, height);
  const cx0 = Math.max(1, x0);
  const cx1 = Math.min(g.width, x1);
  const cy0 = Math.max(1, y0);
  const cy1 = Math.min(g.height, y1);
  if (cx0 > cx1 || cy0 > cy1) {
    throw fail(
      'FITS_CUTOUT_OUTSIDE',
      `the cutout box x ${x0}..${x1}, y ${y0}..${y1} lies outside the ${g.width} x ${g.height} image`,
      hdu.index,
    );
  }
  const w = cx1 - cx0 + 1;
  const h = cy1 - cy0 + 1;
  const data = await readBox(source, range.offset, g.width, g.bytesPerPixel, { cx0, cy0, w, h });
  const origin = { x: cx0, y: cy0 };
  const name = source.name.split(/[\\/]/).pop() ?? source.name;
  const planeNote = g.planes > 1 ? ` plane ${plane}` : '';
  const note = `Cutout of ${name} HDU ${hdu.index}${planeNote}: x ${cx0}..${cx1}, y ${cy0}..${cy1} of ${g.width} x ${g.height}`;
  const scaling = scalingOf(hdu);
  const fits = writePrimaryImage({
    bitpix: hdu.bitpix as PrimaryImageInput['bitpix'],
    naxis: [w, h],
    cards: outputCards(hdu, origin, note),
    ...(hdu.header.has('BSCALE') || hdu.header.has('BZERO') || scaling.blank !== undefined
      ? {
          scaling: {
            bscale: scaling.scale,
            bzero: rawZero(hdu.header) ?? scaling.zero,
            ...(scaling.blank !== undefined ? { blank: scaling.blank } : {}),
          },
        }
      : {}),
    data,
  });
  const world = wcs ? pixelToWorld(wcs, cx0 + (w - 1) / 2, cy0 + (h - 1) / 2) : null;
  return {
    fits,
    hdu: hdu.index,
    width: w,
    height: h,
    origin,
    centre: world ? { ra: world.lon, dec: world.lat } : null,
    clipped: cx0 !== x0 || cx1 !== x1 || cy0 !== y0 || cy1 !== y1,
  };
}

function rawZero(header: Header): number | bigint | undefined {
  const v = header.get('BZERO');
  return typeof v === 'number' || typeof v === 'bigint' ? v : undefined;
}

/** Copies the stored bytes of a box, reading runs of whole rows (never more than the box's rows). */
async function readBox(
  source: ByteSource,
  planeOffset: number,
  imageWidth: number,
  bpp: number,
  box: { cx0: number; cy0: number; w: number; h: number },
): Promise<Uint8Array> {
  const rowBytes = imageWidth * bpp;
  const boxRowBytes = box.w * bpp;
  const out = new Uint8Array(box.h * boxRowBytes);
  const rowsPerRead = Math.max(1, Math.floor(READ_BYTES / rowBytes));
  for (let r = 0; r < box.h; r += rowsPerRead) {
    const rows = Math.min(rowsPerRead, box.h - r);
    const start = planeOffset + ((box.cy0 - 1 + r) * imageWidth + (box.cx0 - 1)) * bpp;
    const length = (rows - 1) * rowBytes + boxRowBytes;
    const bytes = await source.read(start, length);
    if (bytes.length !== length) {
      throw new FitsError('FITS_TRUNCATED', `expected ${length} data bytes, got ${bytes.length}`, {
        offset: start,
      });
    }
    for (let k = 0; k < rows; k++) {
      out.set(bytes.subarray(k * rowBytes, k * rowBytes + boxRowBytes), (r + k) * boxRowBytes);
    }
  }
  return out;
}
