import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { type Problem, parseCtt, parseProblemJson } from '../engine/index.js';

export type InputKind = 'ctt' | 'json';

/** Loads an ITC-2007 `.ctt` instance or a JSON problem, by file extension. */
export function loadProblemFile(file: string): { problem: Problem; kind: InputKind } {
  const text = readFileSync(file, 'utf8');
  if (extname(file).toLowerCase() === '.json')
    return { problem: parseProblemJson(text), kind: 'json' };
  return { problem: parseCtt(text), kind: 'ctt' };
}
