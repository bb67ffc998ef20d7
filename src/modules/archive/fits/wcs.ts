import type { Header } from './header.js';
import {
  deproject,
  nativeReference,
  type ProjectionCode,
  SUPPORTED_PROJECTIONS,
} from './projections.js';
import { type CelestialPole, celestialPole, nativeToCelestial } from './sphere.js';

/** A celestial WCS on image axes 1 and 2, ready to turn pixels into sky positions. */
export interface CelestialWcs {
  projection: ProjectionCode;
  ctype: [string, string];
  /** Index (0 or 1) of the longitude axis among axes 1 and 2. */
  lonAxis: 0 | 1;
  crval: [number, number];
  crpix: [number, number];
  /** Linear transform (degrees per pixel), row i = intermediate axis i, from CD, PC×CDELT or CROTA2. */
  matrix: [[number, number], [number, number]];
  pv: { pv1: number; pv2: number };
  pole: CelestialPole;
  radesys?: string;
  equinox?: number;
}

export type WcsResult = { ok: true; wcs: CelestialWcs } | { ok: false; reason: string };

const CELESTIAL_PAIRS: Record<string, string> = {
  'RA--': 'DEC-',
  GLON: 'GLAT',
  ELON: 'ELAT',
  SLON: 'SLAT',
  HLON: 'HLAT',
};

function axisKind(ctype: string): { prefix: string; code: string } {
  const prefix = ctype.slice(0, 4);
  const code = ctype.length >= 8 ? ctype.slice(5, 8) : '';
  return { prefix, code };
}

/** Reads the celestial WCS of axes 1 and 2; says why when there is none that can be used. */
export function readCelestialWcs(header: Header): WcsResult {
  const c1 = header.string('CTYPE1')?.trim() ?? '';
  const c2 = header.string('CTYPE2')?.trim() ?? '';
  if (!c1 && !c2) return { ok: false, reason: 'no CTYPE1/CTYPE2' };
  const a1 = axisKind(c1);
  const a2 = axisKind(c2);
  let lonAxis: 0 | 1;
  if (CELESTIAL_PAIRS[a1.prefix] === a2.prefix) lonAxis = 0;
  else if (CELESTIAL_PAIRS[a2.prefix] === a1.prefix) lonAxis = 1;
  else
    return { ok: false, reason: `axes 1 and 2 (${c1 || "''"}, ${c2 || "''"}) are not celestial` };
  if (a1.code !== a2.code)
    return { ok: false, reason: `CTYPE1 and CTYPE2 projections differ (${c1}, ${c2})` };
  const projection = a1.code as ProjectionCode;
  if (!SUPPORTED_PROJECTIONS.includes(projection)) {
    return {
      ok: false,
      reason: `projection ${a1.code || '(none)'} is not supported (TAN, SIN, AZP, CAR)`,
    };
  }
  const num = (k: string, d: number) => header.number(k) ?? d;
  const crval: [number, number] = [num('CRVAL1', 0), num('CRVAL2', 0)];
  const crpix: [number, number] = [num('CRPIX1', 0), num('CRPIX2', 0)];
  const latAxisNo = lonAxis === 0 ? 2 : 1;
  const matrix = linearMatrix(header, latAxisNo);
  const pv = { pv1: num(`PV${latAxisNo}_1`, 0), pv2: num(`PV${latAxisNo}_2`, 0) };
  if (projection === 'AZP' && !header.has(`PV${latAxisNo}_1`)) pv.pv1 = 0;
  const ref = nativeReference(projection);
  const alpha0 = crval[lonAxis];
  const delta0 = crval[lonAxis === 0 ? 1 : 0];
  const pole = celestialPole(
    alpha0,
    delta0,
    ref.phi,
    ref.theta,
    header.number('LONPOLE'),
    header.number('LATPOLE'),
  );
  const radesys = header.string('RADESYS')?.trim() ?? header.string('RADECSYS')?.trim();
  const equinox = header.number('EQUINOX') ?? header.number('EPOCH');
  return {
    ok: true,
    wcs: {
      projection,
      ctype: [c1, c2],
      lonAxis,
      crval,
      crpix,
      matrix,
      pv,
      pole,
      ...(radesys ? { radesys } : {}),
      ...(equinox !== undefined ? { equinox } : {}),
    },
  };
}

function linearMatrix(header: Header, latAxisNo: 1 | 2): [[number, number], [number, number]] {
  const has = (k: string) => header.has(k);
  const num = (k: string, d: number) => header.number(k) ?? d;
  if (['CD1_1', 'CD1_2', 'CD2_1', 'CD2_2'].some(has)) {
    return [
      [num('CD1_1', 0), num('CD1_2', 0)],
      [num('CD2_1', 0), num('CD2_2', 0)],
    ];
  }
  const cdelt1 = num('CDELT1', 1);
  const cdelt2 = num('CDELT2', 1);
  if (['PC1_1', 'PC1_2', 'PC2_1', 'PC2_2'].some(has)) {
    return [
      [cdelt1 * num('PC1_1', 1), cdelt1 * num('PC1_2', 0)],
      [cdelt2 * num('PC2_1', 0), cdelt2 * num('PC2_2', 1)],
    ];
  }
  const rho = (num(`CROTA${latAxisNo}`, 0) * Math.PI) / 180;
  if (rho === 0) {
    return [
      [cdelt1, 0],
      [0, cdelt2],
    ];
  }
  // AIPS convention: the rotation of the latitude axis turns the whole frame.
  const c = Math.cos(rho);
  const s = Math.sin(rho);
  return [
    [cdelt1 * c, -cdelt2 * s],
    [cdelt1 * s, cdelt2 * c],
  ];
}

/** FITS 1-based pixel (x = axis 1, y = axis 2) → celestial (lon, lat) in degrees; null off the projection. */
export function pixelToWorld(
  wcs: CelestialWcs,
  x: number,
  y: number,
): { lon: number; lat: number } | null {
  const dx = x - wcs.crpix[0];
  const dy = y - wcs.crpix[1];
  const i1 = wcs.matrix[0][0] * dx + wcs.matrix[0][1] * dy;
  const i2 = wcs.matrix[1][0] * dx + wcs.matrix[1][1] * dy;
  const [ix, iy] = wcs.lonAxis === 0 ? [i1, i2] : [i2, i1];
  const native = deproject(wcs.projection, ix, iy, wcs.pv);
  if (!native) return null;
  return nativeToCelestial(native.phi, native.theta, wcs.pole);
}

export interface SkyPoint {
  /** FITS 1-based pixel position. */
  pixel: [number, number];
  ra: number;
  dec: number;
}

export interface WcsSummary {
  projection: ProjectionCode;
  ctype: [string, string];
  crval: [number, number];
  crpix: [number, number];
  cd: [[number, number], [number, number]];
  radesys: string | null;
  equinox: number | null;
  /** The pixel at ((NAXIS1+1)/2, (NAXIS2+1)/2). */
  centre: SkyPoint | null;
  /** Centres of pixels (1,1), (NAXIS1,1), (NAXIS1,NAXIS2), (1,NAXIS2). */
  corners: (SkyPoint | null)[];
  /** Degrees per pixel along axes 1 and 2 at the reference point, in arcseconds. */
  pixelScale: { x: number; y: number; mean: number };
}

function point(wcs: CelestialWcs, x: number, y: number): SkyPoint | null {
  const w = pixelToWorld(wcs, x, y);
  return w ? { pixel: [x, y], ra: w.lon, dec: w.lat } : null;
}

/** Centre, corners and pixel scale of an image with this WCS. */
export function summarizeWcs(wcs: CelestialWcs, width: number, height: number): WcsSummary {
  const m = wcs.matrix;
  const sx = Math.hypot(m[0][0], m[1][0]) * 3600;
  const sy = Math.hypot(m[0][1], m[1][1]) * 3600;
  return {
    projection: wcs.projection,
    ctype: wcs.ctype,
    crval: wcs.crval,
    crpix: wcs.crpix,
    cd: wcs.matrix,
    radesys: wcs.radesys ?? null,
    equinox: wcs.equinox ?? null,
    centre: point(wcs, (width + 1) / 2, (height + 1) / 2),
    corners: [
      point(wcs, 1, 1),
      point(wcs, width, 1),
      point(wcs, width, height),
      point(wcs, 1, height),
    ],
    pixelScale: {
      x: sx,
      y: sy,
      mean: Math.sqrt(Math.abs(m[0][0] * m[1][1] - m[0][1] * m[1][0])) * 3600,
    },
  };
}
