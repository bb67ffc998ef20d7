import { validationError } from '../errors/index.js';

/** Deeper JSON than this is no request anyone means to send; refusing it keeps the stack safe. */
export const MAX_BODY_DEPTH = 64;

const tooDeep = () =>
  validationError(
    `The body is nested deeper than ${MAX_BODY_DEPTH} levels`,
    [{ path: '/body', message: `must not be nested deeper than ${MAX_BODY_DEPTH} levels` }],
    'BODY_TOO_DEEP',
  );

/**
 * JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. Past `MAX_BODY_DEPTH`
 * levels it throws a 400 `BODY_TOO_DEEP` rather than recursing until the stack overflows.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_BODY_DEPTH) throw tooDeep();
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
