import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUserAndLogin(t, ['admin']);
});
afterAll(() => t.close());

const get = (url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: admin.auth });

const IMPOSSIBLE = [
  '2016-12-31T23:59:60Z',
  '2016-12-31T23:59:60.5Z',
  '2023-02-30T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:30:00+01:00',
  '9999-12-31T23:59:59-01:00',
  '2020-01-01T00:00:00+24:00',
  '2020-01-01T25:00:00Z',
];

describe.each(['/audit', '/events'])('GET %s time range', (list) => {
  it.each(['from', 'to'])('should answer an impossible %s with 400 naming it', async (name) => {
    for (const value of IMPOSSIBLE) {
      const res = await get(`${list}?${name}=${encodeURIComponent(value)}`);
      const error = expectError(res, 400, 'VALIDATION_FAILED');
      expect(
        error.details?.map((d) => d.path),
        value,
      ).toEqual([`/querystring/${name}`]);
    }
    expect(t.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it('should take dates at the edges that exist', async () => {
    for (const value of [
      '2016-12-31T23:59:59.999Z',
      '2024-02-29T00:00:00+14:00',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '2025-06-01t10:00:00.123456z',
    ]) {
      const res = await get(`${list}?from=${encodeURIComponent(value)}&limit=1`);
      expect(res.statusCode, `${value}: ${res.body}`).toBe(200);
    }
  });
});
