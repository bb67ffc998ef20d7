/** Deprojections: intermediate world coordinates (x, y in degrees) → native spherical (φ, θ in degrees). */

export type ProjectionCode = 'TAN' | 'SIN' | 'AZP' | 'CAR';

export const SUPPORTED_PROJECTIONS: readonly ProjectionCode[] = ['TAN', 'SIN', 'AZP', 'CAR'];

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

export interface Native {
  phi: number;
  theta: number;
}

export interface ProjectionParams {
  /** PVi_1 and PVi_2 of the latitude axis (SIN ξ, η; AZP μ, γ). */
  pv1: number;
  pv2: number;
}

/** Native coordinates of the projection's reference point (φ0, θ0): zenithal (0, 90), CAR (0, 0). */
export function nativeReference(code: ProjectionCode): Native {
  return code === 'CAR' ? { phi: 0, theta: 0 } : { phi: 0, theta: 90 };
}

/** Returns null for a point outside the projection's domain. */
export function deproject(
  code: ProjectionCode,
  x: number,
  y: number,
  p: ProjectionParams,
): Native | null {
  switch (code) {
    case 'TAN': {
      const r = Math.hypot(x, y);
      const phi = r === 0 ? 0 : Math.atan2(x, -y) * R2D;
      return { phi, theta: Math.atan2(R2D, r) * R2D };
    }
    case 'SIN':
      return sinDeproject(x, y, p.pv1, p.pv2);
    case 'AZP':
      return azpDeproject(x, y, p.pv1, p.pv2);
    case 'CAR':
      return { phi: x, theta: y };
  }
}

function sinDeproject(x: number, y: number, xi: number, eta: number): Native | null {
  const X = x * D2R;
  const Y = y * D2R;
  if (xi === 0 && eta === 0) {
    const r2 = X * X + Y * Y;
    if (r2 > 1) return null;
    const phi = r2 === 0 ? 0 : Math.atan2(X, -Y) * R2D;
    return { phi, theta: Math.acos(Math.sqrt(r2)) * R2D };
  }
  // Slant orthographic (Calabretta & Greisen 2002, eq. 48–50): take the root nearest the pole.
  const a = xi * xi + eta * eta + 1;
  const b = xi * (X - xi) + eta * (Y - eta);
  const c = (X - xi) ** 2 + (Y - eta) ** 2 - 1;
  const disc = b * b - a * c;
  if (disc < 0) return null;
  const s1 = (-b + Math.sqrt(disc)) / a;
  const s2 = (-b - Math.sqrt(disc)) / a;
  const t1 = Math.abs(s1) <= 1 ? Math.asin(s1) * R2D : Number.NEGATIVE_INFINITY;
  const t2 = Math.abs(s2) <= 1 ? Math.asin(s2) * R2D : Number.NEGATIVE_INFINITY;
  const theta = Math.max(t1, t2);
  if (!Number.isFinite(theta)) return null;
  const z = 1 - Math.sin(theta * D2R);
  const phi = Math.atan2(X - xi * z, -(Y - eta * z)) * R2D;
  return { phi, theta };
}

function azpDeproject(x: number, y: number, mu: number, gammaDeg: number): Native | null {
  const cosg = Math.cos(gammaDeg * D2R);
  const sing = Math.sin(gammaDeg * D2R);
  const yc = y * cosg;
  const r = Math.hypot(x, yc);
  if (r === 0) return { phi: 0, theta: 90 };
  const phi = Math.atan2(x, -yc) * R2D;
  const rho = r / (R2D * (mu + 1) + y * sing);
  let t = (rho * mu) / Math.sqrt(rho * rho + 1);
  if (Math.abs(t) > 1) {
    if (Math.abs(t) - 1 > 1e-13) return null;
    t = Math.sign(t);
  }
  const psi = Math.atan2(1, rho) * R2D;
  const omega = Math.asin(t) * R2D;
  let a = psi - omega;
  let b = psi + omega + 180;
  if (a > 90) a -= 360;
  if (b > 90) b -= 360;
  return { phi, theta: Math.max(a, b) };
}

/**
 * Projections: native spherical (φ, θ in degrees) → intermediate world coordinates (x, y in
 * degrees), the inverse of `deproject`. Returns null for a point the projection does not show
 * (behind the TAN/SIN hemisphere, past the AZP horizon).
 */
export function project(
  code: ProjectionCode,
  phi: number,
  theta: number,
  p: ProjectionParams,
): { x: number; y: number } | null {
  switch (code) {
    case 'TAN': {
      if (theta <= 0) return null;
      const t = theta * D2R;
      const r = (R2D * Math.cos(t)) / Math.sin(t);
      return { x: r * Math.sin(phi * D2R), y: -r * Math.cos(phi * D2R) };
    }
    case 'SIN':
      return sinProject(phi, theta, p.pv1, p.pv2);
    case 'AZP':
      return azpProject(phi, theta, p.pv1, p.pv2);
    case 'CAR': {
      // Native longitude is continuous only on (-180, 180]: the CAR plane is cut at φ = ±180.
      const wrapped = phi - 360 * Math.round(phi / 360);
      return { x: wrapped === -180 ? 180 : wrapped, y: theta };
    }
  }
}

function sinProject(
  phi: number,
  theta: number,
  xi: number,
  eta: number,
): { x: number; y: number } | null {
  const t = theta * D2R;
  const cosT = Math.cos(t);
  const z = 1 - Math.sin(t);
  const x = R2D * (cosT * Math.sin(phi * D2R) + xi * z);
  const y = -R2D * (cosT * Math.cos(phi * D2R) - eta * z);
  if (xi === 0 && eta === 0) return theta < 0 ? null : { x, y };
  // Slant orthographic: a point is visible only when deprojection gives it back (the far root
  // of eq. 50 belongs to the hidden side).
  return visible('SIN', x, y, theta, { pv1: xi, pv2: eta }) ? { x, y } : null;
}

function azpProject(
  phi: number,
  theta: number,
  mu: number,
  gammaDeg: number,
): { x: number; y: number } | null {
  const t = theta * D2R;
  const cosT = Math.cos(t);
  const cosg = Math.cos(gammaDeg * D2R);
  const tang = Math.tan(gammaDeg * D2R);
  const sinP = Math.sin(phi * D2R);
  const cosP = Math.cos(phi * D2R);
  const denom = mu + Math.sin(t) + cosT * cosP * tang;
  if (denom <= 0) return null;
  const r = (R2D * (mu + 1) * cosT) / denom;
  const x = r * sinP;
  const y = (-r * cosP) / cosg;
  return visible('AZP', x, y, theta, { pv1: mu, pv2: gammaDeg }) ? { x, y } : null;
}

function visible(
  code: ProjectionCode,
  x: number,
  y: number,
  theta: number,
  p: ProjectionParams,
): boolean {
  const back = deproject(code, x, y, p);
  // Loose: asin near θ = 90 is good to ~1e-6°, while the hidden root lies far from θ.
  return back !== null && Math.abs(back.theta - theta) < 1e-4;
}
