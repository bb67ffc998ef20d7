import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('demo catalog on start', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(async () => t?.close());

  it('should seed the demo catalog after the demo people when SEED_DEMO is on', async () => {
    expect(await countRows(t, 'courses')).toBe(7);
    const messages = t.logs.map((line) => String(line.msg));
    const people = messages.findIndex((m) => m.startsWith('Demo school seeded'));
    const catalog = messages.findIndex((m) => m.startsWith('Demo catalog seeded'));
    expect(people).toBeGreaterThanOrEqual(0);
    expect(catalog).toBeGreaterThan(people);
  });

  it('should list the six published demo courses to anyone', async () => {
    const res = await t.app.inject({ url: '/api/v1/courses?limit=50' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toHaveLength(6);
  });

  it('should serve a demo course with its outline by its slug to anyone', async () => {
    const res = await t.app.inject({
      url: '/api/v1/courses/introduction-to-astronomy?include=sections,lessons,instructors',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      title: 'Introduction to Astronomy',
      status: 'published',
    });
  });
});
