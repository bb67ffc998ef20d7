/**
 * HEALPix in the NESTED scheme (Górski et al. 2005): the sphere cut into 12·4^order cells of equal
 * area, numbered so that the four children of cell p at order k are 4p…4p+3 at order k+1. A cell
 * at a coarse order is therefore one contiguous integer range at any finer order, which is what
 * lets a B-tree index answer a sky search with a handful of range scans.
 */

const HALF_PI = Math.PI / 2;
const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
const JRLL = [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4];
const JPLL = [1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7];

export const MAX_HEALPIX_ORDER = 13;

function checkOrder(order: number): number {
  if (!Number.isInteger(order) || order < 0 || order > MAX_HEALPIX_ORDER) {
    throw new RangeError(
      `HEALPix order must be an integer in 0..${MAX_HEALPIX_ORDER}, got ${order}`,
    );
  }
  return 1 << order;
}

export const cellCount = (order: number): number => 12 * 4 ** order;

/** Spreads the bits of a 16-bit integer to the even bit positions. */
function spread(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x;
}

function compact(v: number): number {
  let x = v & 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}

/** The NESTED cell containing (ra, dec) in degrees. */
export function cellOf(order: number, ra: number, dec: number): number {
  const nside = checkOrder(order);
  const z = Math.sin(dec * D2R);
  const za = Math.abs(z);
  let phi = (ra * D2R) % (2 * Math.PI);
  if (phi < 0) phi += 2 * Math.PI;
  const tt = Math.min(phi / HALF_PI, 4 - 1e-15);
  let face: number;
  let ix: number;
  let iy: number;
  if (za <= 2 / 3) {
    const temp1 = nside * (0.5 + tt);
    const temp2 = nside * z * 0.75;
    const jp = Math.floor(temp1 - temp2);
    const jm = Math.floor(temp1 + temp2);
    const ifp = Math.floor(jp / nside);
    const ifm = Math.floor(jm / nside);
    face = ifp === ifm ? (ifp % 4) + 4 : ifp < ifm ? ifp % 4 : (ifm % 4) + 8;
    ix = jm & (nside - 1);
    iy = nside - (jp & (nside - 1)) - 1;
  } else {
    const ntt = Math.min(3, Math.floor(tt));
    const tp = tt - ntt;
    const tmp = nside * Math.sqrt(3 * (1 - za));
    const jp = Math.min(nside - 1, Math.floor(tp * tmp));
    const jm = Math.min(nside - 1, Math.floor((1 - tp) * tmp));
    if (z >= 0) {
      face = ntt;
      ix = nside - jm - 1;
      iy = nside - jp - 1;
    } else {
      face = ntt + 8;
      ix = jp;
      iy = jm;
    }
  }
  return face * nside * nside + (spread(ix) | (spread(iy) << 1));
}

/** The centre of a NESTED cell, in degrees (ra in [0, 360)). */
export function cellCentre(order: number, cell: number): { ra: number; dec: number } {
  const nside = checkOrder(order);
  const npface = nside * nside;
  if (!Number.isInteger(cell) || cell < 0 || cell >= 12 * npface) {
    throw new RangeError(`HEALPix cell ${cell} is outside order ${order}`);
  }
  const face = Math.floor(cell / npface);
  const ipf = cell - face * npface;
  const ix = compact(ipf);
  const iy = compact(ipf >>> 1);
  const jr = (JRLL[face] as number) * nside - ix - iy - 1;
  let nr: number;
  let z: number;
  let kshift: number;
  if (jr < nside) {
    nr = jr;
    z = 1 - (nr * nr) / (3 * npface);
    kshift = 0;
  } else if (jr > 3 * nside) {
    nr = 4 * nside - jr;
    z = (nr * nr) / (3 * npface) - 1;
    kshift = 0;
  } else {
    nr = nside;
    z = ((2 * nside - jr) * 2) / (3 * nside);
    kshift = (jr - nside) & 1;
  }
  let jp = ((JPLL[face] as number) * nr + ix - iy + 1 + kshift) / 2;
  if (jp > 4 * nside) jp -= 4 * nside;
  if (jp < 1) jp += 4 * nside;
  const phi = (jp - (kshift + 1) * 0.5) * (HALF_PI / nr);
  const ra = (phi * R2D) % 360;
  return { ra: ra < 0 ? ra + 360 : ra, dec: Math.asin(Math.max(-1, Math.min(1, z))) * R2D };
}

/**
 * An upper bound, in degrees, on the angular distance from a cell's centre to any point of the
 * cell. The largest HEALPix cell radius is about 1.02/nside radians (healpy's max_pixrad); 1.5
 * leaves room for the elongated cells near the poles and for rounding.
 */
export const cellRadiusBound = (order: number): number => (1.5 / checkOrder(order)) * R2D;
