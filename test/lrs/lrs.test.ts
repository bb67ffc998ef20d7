import { randomUUID } from 'node:crypto';
import xapiModule from '@xapi/xapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createUserAndLogin } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

// The package's typings describe its CommonJS build; Vitest loads its ES build: take either default.
type XapiClass = typeof xapiModule.default;
const XAPI: XapiClass =
  (xapiModule as unknown as { default?: XapiClass }).default ??
  (xapiModule as unknown as XapiClass);

let t: TestApp;
let endpoint: string;
let writeKey: string;
let readOnlyKey: string;

const basic = (key: string) => {
  const [, prefix, secret] = /^lk_([0-9a-f]{8})_(.+)$/.exec(key)!;
  return `Basic ${Buffer.from(`lk_${prefix}:${secret}`).toString('base64')}`;
};
const headers = (key = writeKey) => ({
  authorization: basic(key),
  'x-experience-api-version': '2.0.0',
});
const actor = { objectType: 'Agent', mbox: 'mailto:ada@example.org', name: 'Ada' };
const statement = (extra: Record<string, unknown> = {}) => ({
  actor,
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: 'https://lectern.example/activities/intro', definition: { name: { en: 'Intro' } } },
  result: { score: { scaled: 0.8, raw: 8, min: 0, max: 10 }, success: true, duration: 'PT1M30S' },
  ...extra,
});

async function createKey(scopes: string[]): Promise<string> {
  const staff = await createUserAndLogin(t, ['staff']);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: staff.auth,
    payload: { name: 'lrs', scopes },
  });
  expect(res.statusCode).toBe(201);
  return res.json().data.key;
}

beforeAll(async () => {
  t = await buildTestApp();
  writeKey = await createKey(['xapi:write', 'xapi:read']);
  readOnlyKey = await createKey(['xapi:read']);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  endpoint = `${address}/xapi/`;
});
afterAll(() => t.close());

describe('the xAPI client against a listening LRS', () => {
  it('stores, fetches and queries statements', async () => {
    const [, prefix, secret] = /^lk_([0-9a-f]{8})_(.+)$/.exec(writeKey)!;
    const xapi = new XAPI({
      endpoint,
      auth: XAPI.toBasicAuth(`lk_${prefix}`, secret),
      version: '1.0.3',
    });
    const sent = await xapi.sendStatement({ statement: statement() as never });
    const id = sent.data[0]!;
    const got = await xapi.getStatement({ statementId: id });
    expect(got.data.id).toBe(id);
    expect(got.data.authority).toBeDefined();
    expect(got.headers['x-experience-api-version']).toBe('2.0.0');
    const listed = await xapi.getStatements({
      agent: actor as never,
      verb: 'http://adlnet.gov/expapi/verbs/completed',
    });
    expect(listed.data.statements.map((s) => s.id)).toContain(id);
  });
});

describe('statements through HTTP', () => {
  const post = (payload: unknown, key = writeKey) =>
    t.app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers: headers(key),
      payload: payload as object,
    });

  it('refuses missing or bad credentials (401 with WWW-Authenticate) and a key without the scope (403)', async () => {
    const none = await t.app.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: { 'x-experience-api-version': '2.0.0' },
    });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    expect(none.headers['x-experience-api-version']).toBe('2.0.0');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: {
        ...headers(),
        authorization: `Basic ${Buffer.from('lk_00000000:nope').toString('base64')}`,
      },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toMatch(/^Basic/);
    const before = await countRows(t, 'xapi_statements');
    expect((await post(statement(), readOnlyKey)).statusCode).toBe(403);
    expect(await countRows(t, 'xapi_statements')).toBe(before);
  });

  it('requires a supported X-Experience-API-Version', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: { authorization: basic(writeKey) },
    });
    expect(res.statusCode).toBe(400);
    const old = await t.app.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: { ...headers(), 'x-experience-api-version': '0.95' },
    });
    expect(old.statusCode).toBe(400);
  });

  it('names the offending property and stores nothing', async () => {
    const before = await countRows(t, 'xapi_statements');
    const cases: Array<[unknown, string]> = [
      [statement({ actor: { mbox: 'mailto:a@b.c', openid: 'https://x.example' } }), 'actor'],
      [statement({ verb: { id: 'not an iri' } }), 'verb.id'],
      [statement({ result: { score: { scaled: 1.5 } } }), 'result.score.scaled'],
      [statement({ timestamp: '2024-13-01' }), 'timestamp'],
      [statement({ bogus: 1 }), 'bogus'],
      [statement({ id: 'x' }), 'id'],
      [
        statement({ verb: { id: 'http://a.example/v', display: { 'not a tag!': 'x' } } }),
        'verb.display.not a tag!',
      ],
      [[statement(), statement({ context: { registration: 'nope' } })], '[1].context.registration'],
    ];
    for (const [payload, path] of cases) {
      const res = await post(payload);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details[0].path).toBe(path);
    }
    expect(await countRows(t, 'xapi_statements')).toBe(before);
  });

  it('PUT is idempotent for the same statement and 409 for another', async () => {
    const id = randomUUID();
    const put = (body: unknown) =>
      t.app.inject({
        method: 'PUT',
        url: `/xapi/statements?statementId=${id}`,
        headers: headers(),
        payload: body as object,
      });
    expect((await put(statement())).statusCode).toBe(204);
    expect((await put(statement())).statusCode).toBe(204);
    expect((await put(statement({ result: { success: false } }))).statusCode).toBe(409);
  });

  it('voids a statement, refuses to void a voiding statement, and records both events', async () => {
    const [target] = (await post(statement())).json();
    const voiding = {
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: target },
    };
    const [voidingId] = (await post(voiding)).json();
    const get = (q: string) =>
      t.app.inject({ method: 'GET', url: `/xapi/statements?${q}`, headers: headers() });
    expect((await get(`statementId=${target}`)).statusCode).toBe(404);
    expect((await get(`voidedStatementId=${target}`)).json().id).toBe(target);
    const again = await post({ ...voiding, object: { objectType: 'StatementRef', id: voidingId } });
    expect(again.statusCode).toBe(400);
    const events = await t.database.query<{
      type: string;
      data: {
        ids?: string[];
        statements?: Array<{
          id: string;
          actor: { mbox: string };
          result: { scoreScaled: number; durationSeconds: number };
        }>;
      };
    }>("select type, data from outbox_events where type like 'xapi.%' order by occurred_at, id");
    expect(
      events.some((e) => e.type === 'xapi.statements.voided' && e.data.ids?.includes(target)),
    ).toBe(true);
    const stored = events.flatMap((e) => e.data.statements ?? []).find((s) => s.id === target)!;
    expect(stored.actor.mbox).toBe('mailto:ada@example.org');
    expect(stored.result).toMatchObject({ scoreScaled: 0.8, durationSeconds: 90 });
  });

  it('pages with an opaque more URL and filters by activity and related agents', async () => {
    const registration = randomUUID();
    const ids = (
      await post(
        [1, 2, 3].map(() =>
          statement({ context: { registration, instructor: { mbox: 'mailto:prof@example.org' } } }),
        ),
      )
    ).json();
    const first = await t.app.inject({
      method: 'GET',
      url: `/xapi/statements?registration=${registration}&limit=2&ascending=true`,
      headers: headers(),
    });
    const page1 = first.json();
    expect(page1.statements.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    const second = await t.app.inject({ method: 'GET', url: page1.more, headers: headers() });
    expect(second.json().statements.map((s: { id: string }) => s.id)).toEqual(ids.slice(2));
    expect(second.json().more).toBe('');
    const prof = encodeURIComponent(JSON.stringify({ mbox: 'mailto:prof@example.org' }));
    const direct = await t.app.inject({
      method: 'GET',
      url: `/xapi/statements?agent=${prof}&registration=${registration}`,
      headers: headers(),
    });
    expect(direct.json().statements).toHaveLength(0);
    const related = await t.app.inject({
      method: 'GET',
      url: `/xapi/statements?agent=${prof}&related_agents=true&registration=${registration}&format=ids`,
      headers: headers(),
    });
    expect(related.json().statements).toHaveLength(3);
    expect(related.json().statements[0].actor).toEqual({
      objectType: 'Agent',
      mbox: 'mailto:ada@example.org',
    });
  });
});

describe('documents and resources', () => {
  const agent = encodeURIComponent(JSON.stringify(actor));
  const activity = encodeURIComponent('https://lectern.example/activities/intro');

  it('keeps state, merges JSON on POST, lists ids and deletes', async () => {
    const url = `/xapi/activities/state?activityId=${activity}&agent=${agent}&stateId=bookmark`;
    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: { ...headers(), 'content-type': 'application/json' },
      payload: '{"page":1}',
    });
    expect(put.statusCode).toBe(204);
    await t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers(), 'content-type': 'application/json' },
      payload: '{"seen":true}',
    });
    const got = await t.app.inject({ method: 'GET', url, headers: headers() });
    expect(got.json()).toEqual({ page: 1, seen: true });
    const list = await t.app.inject({
      method: 'GET',
      url: `/xapi/activities/state?activityId=${activity}&agent=${agent}`,
      headers: headers(),
    });
    expect(list.json()).toEqual(['bookmark']);
    expect((await t.app.inject({ method: 'DELETE', url, headers: headers() })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ method: 'GET', url, headers: headers() })).statusCode).toBe(404);
  });

  it('guards profiles with ETags: 409 without precondition, 412 on a stale one', async () => {
    const url = `/xapi/activities/profile?activityId=${activity}&profileId=p1`;
    const h = { ...headers(), 'content-type': 'text/plain' };
    expect(
      (await t.app.inject({ method: 'PUT', url, headers: h, payload: 'one' })).statusCode,
    ).toBe(204);
    const got = await t.app.inject({ method: 'GET', url, headers: headers() });
    expect(got.body).toBe('one');
    const etag = got.headers.etag as string;
    expect(
      (await t.app.inject({ method: 'PUT', url, headers: h, payload: 'two' })).statusCode,
    ).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url,
          headers: { ...h, 'if-match': '"stale"' },
          payload: 'two',
        })
      ).statusCode,
    ).toBe(412);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url,
          headers: { ...h, 'if-none-match': '*' },
          payload: 'two',
        })
      ).statusCode,
    ).toBe(412);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url,
          headers: { ...h, 'if-match': etag },
          payload: 'two',
        })
      ).statusCode,
    ).toBe(204);
  });

  it('answers about without credentials, activities and agents with them, 413 over the body cap', async () => {
    const about = await t.app.inject({ method: 'GET', url: '/xapi/about' });
    expect(about.json().version).toContain('2.0.0');
    const act = await t.app.inject({
      method: 'GET',
      url: `/xapi/activities?activityId=${activity}`,
      headers: headers(),
    });
    expect(act.json()).toMatchObject({
      objectType: 'Activity',
      definition: { name: { en: 'Intro' } },
    });
    const person = await t.app.inject({
      method: 'GET',
      url: `/xapi/agents?agent=${agent}`,
      headers: headers(),
    });
    expect(person.json()).toMatchObject({
      objectType: 'Person',
      name: ['Ada'],
      mbox: ['mailto:ada@example.org'],
    });
    const big = await t.app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers: { ...headers(), 'content-type': 'application/json' },
      payload: `"${'x'.repeat(1_100_000)}"`,
    });
    expect(big.statusCode).toBe(413);
  });
});
