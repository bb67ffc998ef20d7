import type { ByteRange } from './file-store.js';

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'partial'; range: ByteRange }
  | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

/** One `first-last`, `first-` or `-suffix` spec against a file of `size` bytes. */
function resolveSpec(spec: string, size: number): ByteRange | 'invalid' | 'unsatisfiable' {
  const match = SPEC.exec(spec.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  const [, first, last] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return 'invalid';
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/**
 * Reads an HTTP `Range` header (RFC 9110 §14) for a file of `size` bytes. Only one range is
 * ever served: of several, the first satisfiable one. A header that is not a valid `bytes`
 * range is ignored (the whole file is sent), as the RFC allows.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!match) return { kind: 'whole' };
  const specs = match[1]!.split(',').filter((s) => s.trim() !== '');
  if (specs.length === 0) return { kind: 'whole' };
  let satisfiable: ByteRange | undefined;
  for (const spec of specs) {
    const resolved = resolveSpec(spec, size);
    if (resolved === 'invalid') return { kind: 'whole' };
    if (resolved !== 'unsatisfiable') satisfiable ??= resolved;
  }
  return satisfiable ? { kind: 'partial', range: satisfiable } : { kind: 'unsatisfiable' };
}
