import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVoTestServer, type VoTestServer } from '#modules/archive/vo/testing.js';

const PYTHON = '/usr/bin/python3';
const client = fileURLToPath(new URL('./pyvo-client.py', import.meta.url));
const run = promisify(execFile);

const probe = spawnSync(PYTHON, ['-c', 'import pyvo, astropy'], { encoding: 'utf8' });
const pyvoMissing =
  probe.status === 0
    ? null
    : `${PYTHON} cannot import pyvo and astropy (install python3-pyvo and python3-astropy): ${probe.error?.message ?? probe.stderr.trim()}`;
if (pyvoMissing) process.stderr.write(`skipping the pyvo VO tests: ${pyvoMissing}\n`);

// biome-ignore lint/suspicious/noExplicitAny: the client's JSON report, asserted field by field
type Report = Record<string, any>;

/** Runs the pyvo client against a server (asynchronously: the server shares this process). */
async function pyvo(baseUrl: string, key?: string): Promise<Report> {
  const { stdout } = await run(PYTHON, [client, baseUrl, ...(key ? [key] : [])], {
    timeout: 120_000,
    maxBuffer: 8 << 20,
  });
  return JSON.parse(stdout) as Report;
}

function expectClientSaw(report: Report, baseUrl: string, suffix: string) {
  expect(report.scs.ids).toEqual(['img-m31', 'img-m31-b']);
  expect(report.scs.ra[0]).toBeCloseTo(10.6847, 6);
  expect(report.scs.dec[0]).toBeCloseTo(41.2689, 6);
  expect(report.scs.accessUrls[0]).toBe(`${baseUrl}/vo/files/img-m31${suffix}`);
  expect(report.scsVerb1).toEqual(['id', 'ra', 'dec']);
  expect(report.scsColumns).toEqual(report.scs.fields);
  expect(report.scsEmpty).toBe(0);
  expect(report.scsBadRadius).toEqual({
    type: 'DALQueryError',
    message: expect.stringContaining('SR'),
  });

  expect(report.sia.count).toBe(2);
  expect(report.sia).toMatchObject({
    format: 'image/fits',
    naxes: 2,
    naxis: [8, 6],
    scale: [0.001, 0.001],
    instr: 'HBA',
    dateobs: '2024-03-01T12:00:00.000',
    dataUrl: `${baseUrl}/vo/files/img-m31${suffix}`,
  });
  expect(report.sia.titles[1]).toBe('m31 <deep> & "wide" v1 [SCI]');
  expect(report.siaMetadata.columns).toEqual(
    expect.arrayContaining(['title', 'ra', 'dec', 'naxis', 'access_url']),
  );
  expect(report.siaMetadata.params).toEqual(
    expect.arrayContaining(['INPUT:POS', 'INPUT:SIZE', 'INPUT:FORMAT']),
  );
  expect(report.siaBadPos).toEqual({
    type: 'DALQueryError',
    message: expect.stringContaining('POS'),
  });

  expect(report.sia2Endpoint).toBe(`${baseUrl}/vo/sia2/query${suffix}`);
  expect(report.sia2).toMatchObject({
    count: 1,
    ids: ['ivo://lectern/archive?img-m31'],
    types: ['image'],
    accessUrls: [`${baseUrl}/vo/files/img-m31${suffix}`],
    formats: ['application/fits'],
  });
  expect(report.sia2.sRa[0]).toBeCloseTo(10.6847, 6);
  expect(report.sia2.emMin[0]).toBeCloseTo(299_792_458 / 1.45e9, 9);
  expect(report.sia2.fields).toEqual(
    expect.arrayContaining([
      'obs_publisher_did',
      's_region',
      't_min',
      'em_max',
      'calib_level',
      'o_ucd',
    ]),
  );
  expect(report.sia2Range).toBe(2);
  expect(report.sia2Polygon).toBe(2);
  expect(report.sia2NoBand).toBe(0);
  expect(report.sia2Maxrec).toBe(1);
  expect(report.sia2BadPos).toEqual({
    type: 'DALQueryError',
    message: expect.stringContaining('declination 95'),
  });

  expect(report.download).toEqual({ bytes: 5760, object: 'M31', shape: [6, 8], sum: 11280 });
  for (const [path, warnings] of Object.entries(report.strict))
    expect({ path, warnings }).toEqual({ path, warnings: [] });
  for (const part of ['scs', 'sia', 'sia2']) expect(report[part].warnings).toEqual([]);
}

describe.skipIf(pyvoMissing !== null)('VO endpoints through pyvo and astropy', () => {
  describe('with public access', () => {
    let server: VoTestServer;
    beforeAll(async () => {
      server = await startVoTestServer({ publicAccess: true });
    });
    afterAll(() => server.close());

    it('should answer pyvo SCS, SIA v1 and SIA v2 searches and a download astropy reads', async () => {
      const report = await pyvo(server.baseUrl);
      expectClientSaw(report, server.baseUrl, '');
    });
  });

  describe('with an API key', () => {
    let server: VoTestServer;
    let report: Report;
    beforeAll(async () => {
      server = await startVoTestServer({
        publicAccess: false,
        authorize: async (key) => key === 'k-1 &2',
      });
      report = await pyvo(server.baseUrl, 'k-1 &2');
    }, 120_000);
    afterAll(() => server.close());

    it('should serve the key holder, with the key in every URL it hands back', () => {
      expectClientSaw(report, server.baseUrl, '?key=k-1%20%262');
    });

    it('should refuse pyvo without a key or with a wrong one, with a message', () => {
      expect(report.scsWithoutKey.message).toContain('API key is required');
      expect(report.siaWrongKey.message).toContain('may not read the archive');
    });
  });
});
