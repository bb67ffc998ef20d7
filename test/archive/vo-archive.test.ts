import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { separation } from '#modules/archive/fits/index.js';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { ingest, skyImage } from './archive-helpers.js';

const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('./pyvo-archive.py', import.meta.url));
const run = promisify(execFile);
const probe = spawnSync(PYTHON, ['-c', 'import pyvo, astropy'], { encoding: 'utf8' });
const missing = probe.status === 0 ? null : `${PYTHON} cannot import pyvo and astropy`;
if (missing) process.stderr.write(`skipping the archive's pyvo test: ${missing}\n`);

interface Found {
  id?: string;
  ra: number;
  dec: number;
  url?: string;
}
interface Report {
  scs: Found[];
  sia: Found[];
  sia2: Found[];
  download?: { bytes: number; ra: number; dec: number };
}

/** Positions no one chose: a seeded spread, one straddling RA 0/360 and one near the pole. */
function positions(seed: number) {
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const field = { ra: rand() * 360, dec: ((Math.asin(2 * rand() - 1) * 180) / Math.PI) * 0.8 };
  return [
    field,
    { ra: (field.ra + 0.2) % 360, dec: field.dec + 0.1 },
    { ra: 359.95, dec: -12.3 },
    { ra: 0.05, dec: -12.25 },
    { ra: rand() * 360, dec: 88.9 },
  ];
}

describe.skipIf(missing !== null)('the archive as VO clients see it (pyvo, astropy)', () => {
  let t: TestApp;
  let base: string;
  let uploader: TestUser;
  let key: string;
  const seed = Date.now() % 100_000;
  const sky = positions(seed);

  beforeAll(async () => {
    t = await buildTestApp();
    uploader = await createUserAndLogin(t, ['instructor']);
    for (const [i, p] of sky.entries()) {
      const res = await ingest(t, uploader, skyImage({ ...p, width: 40, height: 40 }), {
        productName: `vo-${i}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const learner = await createUserAndLogin(t, ['learner']);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: learner.auth,
      payload: { name: 'topcat', scopes: ['archive:read'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    key = created.json().data.key;
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => t?.close());

  const client = async (p: { ra: number; dec: number }, radius: number, withKey = true) => {
    const { stdout } = await run(
      PYTHON,
      [script, base, String(p.ra), String(p.dec), String(radius), ...(withKey ? [key] : [])],
      { timeout: 120_000 },
    );
    return JSON.parse(stdout) as Report;
  };

  it('should find every ingested image in the cone with SCS, SIA 1 and SIA 2, and download it', async () => {
    for (const [p, radius, expected] of [
      [sky[0]!, 0.5, [sky[0], sky[1]]],
      [{ ra: 0, dec: -12.3 }, 0.2, [sky[2], sky[3]]],
      // Across the pole's meridians: 10° of RA apart is about 0.2° of sky at this height.
      [{ ra: (sky[4]!.ra + 10) % 360, dec: 89 }, 0.5, [sky[4]]],
    ] as const) {
      const report = await client(p, radius);
      for (const found of [report.scs, report.sia2]) {
        expect(found.length, `seed ${seed}: ${JSON.stringify(report)}`).toBe(expected.length);
        for (const e of expected)
          expect(found.some((f) => separation(f.ra, f.dec, e!.ra, e!.dec) < 1 / 3600)).toBe(true);
      }
      expect(report.sia.length).toBeGreaterThanOrEqual(expected.length);
      expect(report.download!.bytes).toBeGreaterThan(2880);
      expect(
        separation(
          report.download!.ra,
          report.download!.dec,
          report.sia2[0]!.ra,
          report.sia2[0]!.dec,
        ) * 3600,
      ).toBeLessThan(60);
    }
  });

  it('should refuse clients without a key when the VO endpoints are not public', async () => {
    await expect(client(sky[0]!, 0.5, false)).rejects.toThrow();
    const scs = await t.app.inject({ method: 'GET', url: `/vo/scs?RA=1&DEC=1&SR=1` });
    expect(scs.statusCode).toBe(401);
    expect(scs.body).toContain('Error');
  });

  it('should not write the key of a VO URL to the logs', async () => {
    await t.app.inject({ method: 'GET', url: `/vo/scs?RA=1&DEC=1&SR=0.1&key=${key}` });
    expect(JSON.stringify(t.logs)).not.toContain(key);
  });
});
