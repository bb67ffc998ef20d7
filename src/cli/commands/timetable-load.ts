import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Problem } from '#modules/timetabling/engine/index.js';
import { parseCtt, parseProblemJson } from '#modules/timetabling/engine/index.js';

export type InputKind = 'ctt' | 'json';

/** Loads an ITC-2007 `.ctt` instance or a JSON problem, by file extension. */
export function loadProblem(file: string): { problem: Problem; kind: InputKind } {
  const text = readFileSync(file, 'utf8');
  if (extname(file).toLowerCase() === '.json')
    return { problem: parseProblemJson(text), kind: 'json' };
  return { problem: parseCtt(text), kind: 'ctt' };
}

/** Option parser for numbers; a bad value is a usage error (exit 2). */
export function numberOption(name: string, opts: { integer?: boolean; min?: number } = {}) {
  return (value: string): number => {
    const n = Number(value);
    const min = opts.min ?? 0;
    if (!Number.isFinite(n) || n < min || (opts.integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(
        `${name} must be ${opts.integer ? 'an integer' : 'a number'} >= ${min}, got "${value}"`,
      );
    }
    return n;
  };
}
