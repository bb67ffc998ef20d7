import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/lint/fixtures');
const biome = join(root, 'node_modules/@biomejs/biome/bin/biome');
const scratch = mkdtempSync(join(tmpdir(), 'lectern-lint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Lints one fixture tree with the project's own biome.json and lint plugins. Fixtures are stored
 * as `*.ts.txt` so that neither `biome check .` nor `tsc` sees them; the copy drops the `.txt`.
 */
function lintFixture(name: string) {
  const dir = join(scratch, name);
  cpSync(join(fixtures, name), dir, { recursive: true });
  renameFixtures(dir);
  cpSync(join(root, 'lint'), join(dir, 'lint'), { recursive: true });
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  return runBiome(dir);
}

function renameFixtures(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts.txt')) continue;
    const from = join(entry.parentPath, entry.name);
    cpSync(from, from.slice(0, -'.txt'.length));
    rmSync(from);
  }
}

function runBiome(cwd: string) {
  const r = spawnSync(process.execPath, [biome, 'lint', '--colors=off', '.'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('boundary rules in npm run lint', () => {
  it.each([
    [
      'module-internals',
      'src/modules/catalog/courses/suggest-slots.ts',
      'boundary/module-internals',
    ],
    ['leaves-module', 'src/modules/catalog/courses/suggest-slots.ts', 'boundary/leaves-module'],
    [
      'engine-fs',
      'src/modules/timetabling/engine/solvers/load-instance.ts',
      'boundary/engine-purity',
    ],
    ['engine-clock', 'src/modules/archive/fits/stamp.ts', 'boundary/engine-no-clock'],
    ['platform-module', 'src/platform/jobs/catalog-jobs.ts', 'boundary/platform-imports-module'],
    ['cli-engine-internals', 'src/cli/commands/solve.ts', 'boundary/engine-via-index'],
  ])('should fail on %s, naming the file and the rule', (fixture, file, rule) => {
    const { status, output } = lintFixture(fixture);
    expect(status).not.toBe(0);
    expect(output).toContain(file);
    expect(output).toContain(rule);
  });

  it('should pass imports the rules allow', () => {
    const { status, output } = lintFixture('allowed');
    expect(output).not.toContain('boundary/');
    expect(status).toBe(0);
  });

  it('should pass on the real source tree', () => {
    const { status, output } = runBiome(root);
    expect(output).not.toContain('boundary/');
    expect(status).toBe(0);
  }, 60_000);
});
