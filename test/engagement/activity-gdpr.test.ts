import { describe, expect, it } from 'vitest';
import { recordActivity, voidActivity } from '#modules/engagement/index.js';
import { useCatalogTestApp as catalogTestApp } from '../helpers/catalog-test-app.js';
import { countRows } from '../helpers/factories.js';
import { insertEngagementCourse, register } from './factories.js';

const { t, api, admin, staff, learner } = catalogTestApp({
  admin: 'admin',
  staff: 'staff',
  learner: 'learner',
});

interface Detail {
  id: string;
  recentActivity: { kind: string; score: number | null; source: string }[];
}
const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

describe('recordActivity and voidActivity', () => {
  it('should resolve learners by user id, email or external id, skip replays and report unknowns', async () => {
    const own = data<Detail>(
      await api.post('/engagement/learners', staff, {
        userId: learner.id,
        email: 'Own@Example.org',
      }),
    );
    const imported = data<Detail>(
      await api.post('/engagement/learners', staff, { externalSource: 'sis', externalId: 'A-1' }),
    );
    const course = await insertEngagementCourse(t);
    await register(t, own.id, course.id);
    const at = new Date('2026-02-01T10:00:00Z');
    const rows = [
      {
        learner: { userId: learner.id },
        courseId: course.id,
        kind: 'completed',
        occurredAt: at,
        source: 'xapi',
        sourceId: 's-1',
      },
      {
        learner: { email: 'own@example.org' },
        kind: 'passed',
        occurredAt: at,
        score: 80,
        source: 'xapi',
        sourceId: 's-2',
      },
      {
        learner: { externalSource: 'sis', externalId: 'A-1' },
        kind: 'assessment',
        occurredAt: at,
        score: 55,
        source: 'manual',
        sourceId: 'm-1',
      },
      {
        learner: { externalSource: 'sis', externalId: 'nobody' },
        kind: 'assessment',
        occurredAt: at,
        source: 'manual',
        sourceId: 'm-2',
      },
    ] as const;
    const first = await t.database.db.transaction((tx) => recordActivity(tx, [...rows]));
    expect(first).toEqual({ inserted: 3, duplicates: 0, unknownLearners: [3] });
    const replay = await t.database.db.transaction((tx) => recordActivity(tx, [...rows]));
    expect(replay).toEqual({ inserted: 0, duplicates: 3, unknownLearners: [3] });

    const before = data<Detail>(await api.get(`/engagement/learners/${own.id}`, learner));
    expect(before.recentActivity.map((a) => a.kind).sort()).toEqual(['completed', 'passed']);
    const voided = await t.database.db.transaction((tx) =>
      voidActivity(tx, 'xapi', ['s-2', 'unknown']),
    );
    expect(voided).toBe(1);
    const after = data<Detail>(await api.get(`/engagement/learners/${own.id}`, learner));
    expect(after.recentActivity.map((a) => a.kind)).toEqual(['completed']);
    const importedDetail = data<Detail>(
      await api.get(`/engagement/learners/${imported.id}`, staff),
    );
    expect(importedDetail.recentActivity).toMatchObject([
      { kind: 'assessment', score: 55, source: 'manual' },
    ]);
  });
});

describe('GDPR export and erase', () => {
  it("should export the learner's profile and activity, and erase them all", async () => {
    const exported = await api.get(`/users/${learner.id}/export`, learner);
    expect(exported.statusCode).toBe(200);
    const part = data<{ modules: { engagement: Record<string, unknown> } }>(exported).modules
      .engagement;
    expect(part.profile).toMatchObject({
      userId: learner.id,
      email: 'own@example.org',
      phoneOnFile: false,
    });
    expect(
      (part.activity as { sourceId: string; voidedAt: string | null }[])
        .map((a) => a.sourceId)
        .sort(),
    ).toEqual(['s-1', 's-2']);
    expect(part.registrations).toHaveLength(1);

    const activityBefore = await countRows(t, 'engagement_activity');
    const erased = await api.post(`/users/${learner.id}/erase`, admin);
    expect(erased.statusCode).toBeLessThan(300);
    expect(await countRows(t, 'engagement_activity')).toBe(activityBefore - 2);
    expect(await countRows(t, 'engagement_registrations')).toBe(0);
    const list = data<{ userId: string | null }[]>(
      await api.get('/engagement/learners?limit=100', staff),
    );
    expect(list.some((l) => l.userId === learner.id)).toBe(false);
  });
});
