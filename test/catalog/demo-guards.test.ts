import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogDemo } from '#modules/catalog/demo/index.js';
import { DEMO_INSTRUCTORS } from '#platform/seed/demo-people.js';
import { seedDemo } from '#platform/seed/index.js';
import { insertCourse } from '../helpers/catalog-factories.js';
import { countRows } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe(seedCatalogDemo.name, () => {
  let t: TestApp;
  const lines: string[] = [];
  const log = { info: (_object: object, message: string) => void lines.push(message) };

  beforeAll(async () => {
    t = await buildTestApp({ SEED_DEMO: 'false' });
  });
  afterAll(async () => t?.close());

  it('should do nothing without the demo people', async () => {
    expect(await seedCatalogDemo(t.database.db, log)).toBeNull();
    expect(await countRows(t, 'courses')).toBe(0);
    expect(await countRows(t, 'categories')).toBe(0);
    expect(lines).toEqual([]);
  });

  it('should do nothing when the school already has a course', async () => {
    await seedDemo(t.database.db, { info() {} });
    const [owner] = await t.database.query<{ id: string }>(
      'select id from users where email = $1',
      [DEMO_INSTRUCTORS[0]!.email],
    );
    await insertCourse(t, { ownerId: owner!.id, title: 'Our own course' });
    expect(await seedCatalogDemo(t.database.db, log)).toBeNull();
    expect(await countRows(t, 'courses')).toBe(1);
    expect(await countRows(t, 'enrolments')).toBe(0);
    expect(lines).toEqual([]);
  });
});
