import { sql } from 'drizzle-orm';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appModules } from '#modules/index.js';
import { rowsOf } from '#platform/db/index.js';
import { mergeEventTypes } from '#platform/module-contract/index.js';
import { insertLesson, insertSection } from '../helpers/catalog-factories.js';
import { createUserAndLogin } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const catalogue = new Map(mergeEventTypes(appModules).map((entry) => [entry.type, entry]));

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function send(
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  auth: { authorization: string },
  payload?: object,
) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: auth, payload });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}

describe('the event catalogue', () => {
  it('should validate every event a catalog flow appends against its type’s data schema', async () => {
    const owner = await createUserAndLogin(t, ['instructor']);
    const learner = await createUserAndLogin(t, ['learner']);
    const admin = await createUserAndLogin(t, ['admin']);
    const created = await send('POST', '/courses', owner.auth, {
      title: 'Optics',
      summary: 'Light, lenses and mirrors.',
    });
    const courseId = created.json().data.id as string;
    const lesson = await insertLesson(t, await insertSection(t, courseId));
    await send('POST', `/courses/${courseId}/publish`, owner.auth);
    await send('POST', `/courses/${courseId}/duplicate`, owner.auth);
    await send('POST', `/courses/${courseId}/enrol`, learner.auth);
    await send('POST', `/lessons/${lesson.id}/complete`, learner.auth);
    await send('PUT', `/courses/${courseId}/review`, learner.auth, { rating: 5 });
    await send('DELETE', `/courses/${courseId}/enrol`, learner.auth);
    await send('POST', `/courses/${courseId}/enrol`, learner.auth);
    await send('POST', `/courses/${courseId}/archive`, owner.auth);
    await send('DELETE', `/courses/${courseId}`, owner.auth);
    await send('POST', `/courses/${courseId}/restore`, admin.auth);

    const rows = rowsOf<{ type: string; subject_type: string; data: unknown }>(
      await t.database.db.execute(sql`SELECT type, subject_type, data FROM outbox_events`),
    );
    const types = new Set(rows.map((row) => row.type));
    expect(types).toEqual(
      new Set([
        'course.created',
        'course.published',
        'enrolment.created',
        'lesson.completed',
        'course.completed',
        'review.created',
        'enrolment.dropped',
        'course.archived',
        'course.deleted',
        'course.restored',
        ...(types.has('user.created') ? ['user.created'] : []),
      ]),
    );
    for (const row of rows) {
      const entry = catalogue.get(row.type);
      expect(entry, row.type).toBeDefined();
      expect(row.subject_type).toBe(entry!.subjectType);
      const check = Compile(entry!.dataSchema);
      expect(check.Check(row.data), `${row.type} ${JSON.stringify(row.data)}`).toBe(true);
    }
  });

  it('should publish the catalogue at GET /api/v1/events/types, without credentials', async () => {
    const res = await t.app.inject({ url: '/api/v1/events/types' });
    expect(res.statusCode).toBe(200);
    const items = res.json().data as Array<{ type: string; module: string; dataSchema: object }>;
    expect(items.map((i) => i.type).sort()).toEqual([...catalogue.keys()].sort());
    expect(items.find((i) => i.type === 'review.created')).toMatchObject({
      module: 'catalog',
      subjectType: 'course',
      dataSchema: { type: 'object', required: ['reviewId', 'userId', 'rating'] },
    });
    expect(items.find((i) => i.type === 'user.created')).toMatchObject({ module: 'platform' });
    const openapi = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(openapi.paths['/api/v1/events/types'].get.summary).toBe(
      'The event types and their payloads',
    );
  });
});
