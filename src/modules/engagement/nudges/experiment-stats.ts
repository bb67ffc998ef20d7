import { createHash } from 'node:crypto';

/**
 * The variant a learner gets in an experiment: a hash of the two ids placed on the variants'
 * cumulative weights, so the same learner always lands in the same variant, with no state.
 */
export function assignVariant<V extends { key: string; weight: number }>(
  experimentId: string,
  learnerId: string,
  variants: readonly V[],
): V {
  const digest = createHash('sha256').update(`${experimentId}:${learnerId}`).digest();
  const u = digest.readUInt32BE(0) / 2 ** 32;
  const total = variants.reduce((s, v) => s + v.weight, 0);
  let acc = 0;
  for (const variant of variants) {
    acc += variant.weight / total;
    if (u < acc) return variant;
  }
  return variants.at(-1)!;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface Comparison {
  /** Rate of the variant minus the control's. */
  difference: number;
  /** 95 % Wald interval of the difference (unpooled standard error). */
  ci95: [number, number];
  /** Two-sided p-value of the two-proportion z-test (pooled standard error); null without data. */
  pValue: number | null;
}

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A variant against the control: the difference of conversion rates, its interval, a p-value. */
export function compareProportions(
  control: { sent: number; converted: number },
  variant: { sent: number; converted: number },
): Comparison {
  if (control.sent === 0 || variant.sent === 0)
    return { difference: 0, ci95: [0, 0], pValue: null };
  const p1 = control.converted / control.sent;
  const p2 = variant.converted / variant.sent;
  const difference = p2 - p1;
  const se = Math.sqrt((p1 * (1 - p1)) / control.sent + (p2 * (1 - p2)) / variant.sent);
  const pooled = (control.converted + variant.converted) / (control.sent + variant.sent);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / control.sent + 1 / variant.sent));
  const pValue = sePooled === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(difference) / sePooled));
  return {
    difference: round(difference),
    ci95: [round(difference - 1.959964 * se), round(difference + 1.959964 * se)],
    pValue: round(pValue),
  };
}
