import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../engine/index.js';
import { loadProblemFile } from './load-problem.js';

/** The shared ITC-2007 instances (../shared/data/itc2007-ctt from the repository root), if present. */
export const ITC_DIR = fileURLToPath(
  new URL('../../../../../shared/data/itc2007-ctt/', import.meta.url),
);
export const HAS_ITC = existsSync(ITC_DIR);
export const ITC_SKIP_NOTE = `ITC-2007 data not found at ${ITC_DIR}; tests that use it are skipped`;
export const itcInstances = (): string[] =>
  HAS_ITC
    ? readdirSync(ITC_DIR)
        .filter((f) => f.endsWith('.ctt'))
        .sort()
    : [];

/** Parses one shared ITC-2007 instance (a file name such as `comp01.ctt`). */
export const loadItcInstance = (file: string): Problem =>
  loadProblemFile(join(ITC_DIR, file)).problem;
