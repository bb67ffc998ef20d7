import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useCatalogTestApp as catalogTestApp } from '../helpers/catalog-test-app.js';

const { t, api, staff, learner } = catalogTestApp({ staff: 'staff', learner: 'learner' });

interface Detail {
  id: string;
  recentActivity: { kind: string; score: number | null; source: string }[];
}
const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

async function xapiKey(): Promise<string> {
  const res = await api.post('/api-keys', staff, { name: 'lrs', scopes: ['xapi:write'] });
  expect(res.statusCode).toBe(201);
  const [, prefix, secret] = /^lk_([0-9a-f]{8})_(.+)$/.exec(res.json().data.key)!;
  return `Basic ${Buffer.from(`lk_${prefix}:${secret}`).toString('base64')}`;
}

const statement = (id: string, actor: object, verb: string, scaled?: number) => ({
  id,
  actor: { objectType: 'Agent', ...actor },
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
  object: { id: 'https://lectern.example/activities/optics-quiz' },
  timestamp: '2026-03-01T09:00:00.000Z',
  ...(scaled === undefined ? {} : { result: { score: { scaled } } }),
});

describe('xAPI statements become engagement activity', () => {
  it('should record statements by account or mbox, and drop them again when voided', async () => {
    const profile = data<Detail>(
      await api.post('/engagement/learners', staff, {
        userId: learner.id,
        email: 'ada@example.org',
      }),
    );
    const authorization = await xapiKey();
    const headers = { authorization, 'x-experience-api-version': '2.0.0' };
    const byAccount = randomUUID();
    const byMbox = randomUUID();
    const stranger = randomUUID();
    const stored = await t.app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers,
      payload: [
        statement(
          byAccount,
          { account: { homePage: 'https://lectern.example', name: learner.id } },
          'passed',
          0.85,
        ),
        statement(byMbox, { mbox: 'mailto:ada@example.org' }, 'completed'),
        statement(stranger, { mbox: 'mailto:nobody@example.org' }, 'failed', 0.1),
      ],
    });
    expect(stored.statusCode).toBe(200);
    await t.app.lectern.events.drain();

    const detail = data<Detail>(await api.get(`/engagement/learners/${profile.id}`, staff));
    expect(detail.recentActivity.map((a) => [a.kind, a.score, a.source]).sort()).toEqual([
      ['completed', null, 'xapi'],
      ['passed', 85, 'xapi'],
    ]);

    const voiding = await t.app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers,
      payload: {
        actor: { objectType: 'Agent', mbox: 'mailto:admin@example.org' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: byAccount },
      },
    });
    expect(voiding.statusCode).toBe(200);
    await t.app.lectern.events.drain();
    const after = data<Detail>(await api.get(`/engagement/learners/${profile.id}`, staff));
    expect(after.recentActivity.map((a) => a.kind)).toEqual(['completed']);
  });
});
