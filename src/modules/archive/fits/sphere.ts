/** Rotations between native spherical and celestial coordinates (Calabretta & Greisen 2002, §2). */

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

export interface CelestialPole {
  /** Celestial coordinates of the native pole. */
  alphaP: number;
  deltaP: number;
  /** Native longitude of the celestial pole (LONPOLE). */
  phiP: number;
}

export function normalizeDegrees(a: number): number {
  const r = a % 360;
  return r < 0 ? r + 360 : r;
}

/**
 * Works out the celestial pole from the reference point (α0, δ0) at native (φ0, θ0), LONPOLE and
 * LATPOLE, following WCSLIB's celset so the results agree with astropy.
 */
export function celestialPole(
  alpha0: number,
  delta0: number,
  phi0: number,
  theta0: number,
  lonpole: number | undefined,
  latpole: number | undefined,
): CelestialPole {
  const phiP = lonpole ?? (delta0 >= theta0 ? 0 : 180);
  if (theta0 === 90) return { alphaP: alpha0, deltaP: delta0, phiP };
  const latPref = latpole ?? 90;
  const sinTheta0 = Math.sin(theta0 * D2R);
  const cosTheta0 = Math.cos(theta0 * D2R);
  const sinDelta0 = Math.sin(delta0 * D2R);
  const cosDelta0 = Math.cos(delta0 * D2R);
  const x = cosTheta0 * Math.cos((phiP - phi0) * D2R);
  const y = sinTheta0;
  const z = Math.hypot(x, y);
  let deltaP: number;
  if (z === 0) {
    deltaP = latPref;
  } else {
    const ratio = Math.max(-1, Math.min(1, sinDelta0 / z));
    const u = Math.atan2(y, x) * R2D;
    const v = Math.acos(ratio) * R2D;
    const wrap = (d: number) => (d > 180 ? d - 360 : d < -180 ? d + 360 : d);
    const p1 = wrap(u + v);
    const p2 = wrap(u - v);
    const ok1 = Math.abs(p1) <= 90 + 1e-10;
    const ok2 = Math.abs(p2) <= 90 + 1e-10;
    if (ok1 && ok2) deltaP = Math.abs(latPref - p1) < Math.abs(latPref - p2) ? p1 : p2;
    else deltaP = ok1 ? p1 : p2;
    deltaP = Math.max(-90, Math.min(90, deltaP));
  }
  const zz = Math.cos(deltaP * D2R) * cosDelta0;
  let alphaP: number;
  if (Math.abs(zz) < 1e-10) {
    if (Math.abs(cosDelta0) < 1e-10) alphaP = alpha0;
    else if (deltaP > 0) alphaP = alpha0 + phiP - phi0 - 180;
    else alphaP = alpha0 - phiP + phi0;
  } else {
    const xx = (sinTheta0 - Math.sin(deltaP * D2R) * sinDelta0) / zz;
    const yy = (Math.sin((phiP - phi0) * D2R) * cosTheta0) / cosDelta0;
    alphaP = alpha0 - Math.atan2(yy, xx) * R2D;
  }
  return { alphaP, deltaP, phiP };
}

/** Native (φ, θ) → celestial (α, δ), degrees; α in [0, 360). */
export function nativeToCelestial(
  phi: number,
  theta: number,
  pole: CelestialPole,
): { lon: number; lat: number } {
  const t = theta * D2R;
  const dphi = (phi - pole.phiP) * D2R;
  const dp = pole.deltaP * D2R;
  const sinT = Math.sin(t);
  const cosT = Math.cos(t);
  const sinDp = Math.sin(dp);
  const cosDp = Math.cos(dp);
  const lon =
    pole.alphaP +
    Math.atan2(-cosT * Math.sin(dphi), sinT * cosDp - cosT * sinDp * Math.cos(dphi)) * R2D;
  const s = sinT * sinDp + cosT * cosDp * Math.cos(dphi);
  const lat = Math.asin(Math.max(-1, Math.min(1, s))) * R2D;
  return { lon: normalizeDegrees(lon), lat };
}

/**
 * Celestial (α, δ) → native (φ, θ), degrees; φ in [-180, 180]. The inverse of
 * `nativeToCelestial`. θ comes from atan2 rather than asin so that it stays exact near the
 * native pole (the reference point of zenithal projections), where a cutout centre usually is.
 */
export function celestialToNative(
  lon: number,
  lat: number,
  pole: CelestialPole,
): { phi: number; theta: number } {
  const d = lat * D2R;
  const da = (lon - pole.alphaP) * D2R;
  const dp = pole.deltaP * D2R;
  const sinD = Math.sin(d);
  const cosD = Math.cos(d);
  const sinDp = Math.sin(dp);
  const cosDp = Math.cos(dp);
  const half = Math.sin(da / 2);
  // sinδ cosδp − cosδ sinδp cos(Δα), rewritten to avoid cancelling near δ = δp, Δα = 0.
  const x = Math.sin(d - dp) + 2 * cosD * sinDp * half * half;
  const y = -cosD * Math.sin(da);
  const z = sinD * sinDp + cosD * cosDp * Math.cos(da);
  let phi = pole.phiP + Math.atan2(y, x) * R2D;
  phi -= 360 * Math.round(phi / 360);
  return { phi, theta: Math.atan2(z, Math.hypot(x, y)) * R2D };
}
