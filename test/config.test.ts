import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, ConfigSchema, loadConfig, resolveJwtSecret } from '#platform/config/index.js';

describe('loadConfig', () => {
  it('should apply defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      SIGNUP: 'open',
      MIGRATE_ON_START: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('should convert strings and treat empty values as unset', () => {
    const config = loadConfig({ PORT: '8080', MIGRATE_ON_START: 'false', DATABASE_URL: '' });
    expect(config.PORT).toBe(8080);
    expect(config.MIGRATE_ON_START).toBe(false);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('should name every bad variable and what it wants', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'eighty', SIGNUP: 'maybe', DATABASE_URL: 'mysql://x' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: .*HTTP port/m);
    expect(problems).toMatch(/^SIGNUP: .*open, closed/m);
    expect(problems).toMatch(/^DATABASE_URL: /m);
  });

  it('should never echo a secret value in its message', () => {
    expect(() => loadConfig({ JWT_SECRET: 'hunter2-short' })).toThrow(
      /JWT_SECRET: .*13 characters/,
    );
    expect(() => loadConfig({ JWT_SECRET: 'hunter2-short' })).not.toThrow(/hunter2/);
  });
});

describe('resolveJwtSecret', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('should refuse production with an external database and no JWT_SECRET', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://h/db',
      DATA_DIR: dataDir(),
    });
    expect(() => resolveJwtSecret(config)).toThrow(/JWT_SECRET/);
  });

  it('should generate a secret in embedded mode and keep it across restarts', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() });
    const first = resolveJwtSecret(config);
    const second = resolveJwtSecret(config);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(config.DATA_DIR, 'jwt-secret');
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('should prefer JWT_SECRET when given', () => {
    const secret = 'x'.repeat(40);
    const config = loadConfig({ JWT_SECRET: secret, DATA_DIR: dataDir() });
    expect(new TextDecoder().decode(resolveJwtSecret(config))).toBe(secret);
  });
});

describe('README', () => {
  it('should document every configuration variable', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(ConfigSchema.properties))
      expect(readme).toContain(`\`${name}\``);
  });
});
