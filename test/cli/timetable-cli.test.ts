import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOY_CTT, TOY_SOLUTION } from '#modules/timetabling/engine/test-support/toy.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lectern-tt-'));
const instance = join(dir, 'toy.ctt');
const solution = join(dir, 'toy.sol');
writeFileSync(instance, TOY_CTT);
writeFileSync(solution, TOY_SOLUTION);

const lectern = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'timetable', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('lectern timetable (CLI process)', () => {
  it('validate should print the official figures and exit 1 for an infeasible solution', () => {
    const r = lectern('validate', instance, solution);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('ToyExample: hard 5, soft 30 (INFEASIBLE)');
    expect(r.stdout).toMatch(/soft\.min_working_days\s+3 {2}× 5 = 15/);
    expect(r.stdout).toContain(
      '[hard.no_curriculum_clash] ArcTec and TecCos share curriculum Cur1',
    );
  });

  it('validate --json should print hard, soft, breakdown and violations', () => {
    const r = lectern('validate', instance, solution, '--json');
    const doc = JSON.parse(r.stdout) as {
      hard: number;
      soft: number;
      breakdown: Record<string, { cost: number }>;
      violations: unknown[];
    };
    expect([doc.hard, doc.soft]).toEqual([5, 30]);
    expect(doc.breakdown['soft.curriculum_compactness']!.cost).toBe(4);
    expect(doc.violations).toHaveLength(14);
  });

  it('solve should write a solution that validate accepts', () => {
    const out = join(dir, 'solved.sol');
    const r = lectern(
      'solve',
      instance,
      '--time',
      '1',
      '--seed',
      '3',
      '--no-progress',
      '--out',
      out,
    );
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(16);
    const v = lectern('validate', instance, out);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('hard 0');
  });

  it('should exit 2 on a usage error', () => {
    expect(lectern('solve', instance, '--time', 'soon').status).toBe(2);
  });
});
