import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagementActivity } from '#modules/engagement/tables.js';
import { insertCourse } from '../helpers/catalog-factories.js';
import { useCatalogTestApp as catalogTestApp, UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, createUserAndLogin, expectError, type TestUser } from '../helpers/factories.js';
import { type OpenAiServer, startOpenAiServer } from '../helpers/openai-server.js';
import { openSocket } from '../realtime/ws-client.js';
import { insertEngagementCourse, register } from './factories.js';

let server: OpenAiServer;
const env: Record<string, string> = {
  LLM_TIMEOUT_MS: '300',
  LLM_MAX_RETRIES: '0',
  ENGAGEMENT_NUDGES_PER_WEEK: '3',
};
// Registered before the app's hooks, so the app is built with the server's URL.
beforeAll(async () => {
  server = await startOpenAiServer();
  env.LLM_BASE_URL = server.url;
});
afterAll(() => server.close());

const { t, api, staff, owner, otherInstructor, learner } = catalogTestApp(
  { staff: 'staff', owner: 'instructor', otherInstructor: 'instructor', learner: 'learner' },
  env,
);

interface Nudge {
  nudgeId: string;
  content: string;
  channel: string;
  gptFallback: boolean;
  fallbackReason: string | null;
  promptVersion: string;
  variant: string | null;
  status: string;
  createdAt: string;
}
const data = <T>(res: { json(): unknown }) => (res.json() as { data: T }).data;

interface LearnerSeed {
  userId?: string;
  completedPercent?: number;
  avgQuizScore?: number;
}
async function newLearner(seed: LearnerSeed = {}): Promise<string> {
  const res = await api.post('/engagement/learners', staff, {
    ...(seed.userId
      ? { userId: seed.userId }
      : { externalSource: 'sis', externalId: randomUUID() }),
    displayName: `Ada ${randomUUID().slice(0, 4)}`,
    program: 'Physics BSc',
    completedPercent: seed.completedPercent ?? 20,
    avgQuizScore: seed.avgQuizScore ?? 80,
    consecutiveMissedSessions: 4,
  });
  expect(res.statusCode).toBe(201);
  return data<{ id: string }>(res).id;
}

const nudge = (learnerId: string, user: TestUser, body: object = {}) =>
  api.post(`/engagement/learners/${learnerId}/nudges`, user, {
    channel: 'in-app',
    type: 'encouragement',
    ...body,
  });

describe('POST /engagement/learners/:id/nudges', () => {
  it('should have the LLM write it from the built-in prompt, naming the learner and their risk', async () => {
    const id = await newLearner();
    server.enqueue({ kind: 'text', text: 'You can do this, one lesson today.' });
    const res = await nudge(id, staff);
    expect(res.statusCode).toBe(201);
    expect(data<Nudge>(res)).toMatchObject({
      content: 'You can do this, one lesson today.',
      channel: 'in-app',
      gptFallback: false,
      promptVersion: 'nudge_v0',
      variant: null,
      status: 'sent',
    });
    const prompt = server.requests.at(-1)!.body.messages.at(-1)!.content;
    expect(prompt).toMatch(/encouragement message for Ada/);
    expect(prompt).toContain('20 % of the course completed');
    expect(prompt).toContain('4 sessions missed in a row');
  });

  it('should fall back to the template of the learner’s situation when the LLM is slow or unusable', async () => {
    const boost = await newLearner({ completedPercent: 60 });
    server.enqueue({ kind: 'text', text: 'late', delayMs: 1000 });
    const slow = data<Nudge>(await nudge(boost, staff));
    expect(slow).toMatchObject({
      gptFallback: true,
      fallbackReason: 'timeout',
      promptVersion: 'fallback_completion_boost_v0',
    });
    expect(slow.content).toMatch(/60 % of the way through/);

    const quiz = await newLearner({ completedPercent: 20, avgQuizScore: 55 });
    server.enqueue({ kind: 'text', text: '   ' });
    expect(data<Nudge>(await nudge(quiz, staff))).toMatchObject({
      gptFallback: true,
      fallbackReason: 'invalid_answer',
      promptVersion: 'fallback_quiz_reminder_v0',
    });

    const other = await newLearner({ completedPercent: 20, avgQuizScore: 90 });
    server.enqueue({ kind: 'text', text: 'x'.repeat(700) });
    expect(data<Nudge>(await nudge(other, staff))).toMatchObject({
      gptFallback: true,
      promptVersion: 'fallback_engagement_v0',
    });
  });

  it('should let instructors nudge their courses’ learners only, and learners only read theirs', async () => {
    const catalogCourse = await insertCourse(t, { ownerId: owner.id });
    const course = await insertEngagementCourse(t, catalogCourse.id);
    const taught = await newLearner();
    await register(t, taught, course.id);
    expect((await nudge(taught, owner)).statusCode).toBe(201);
    expectError(await nudge(taught, otherInstructor), 404, 'LEARNER_NOT_FOUND');
    expectError(
      await api.get(`/engagement/learners/${taught}/nudges`, otherInstructor),
      404,
      'LEARNER_NOT_FOUND',
    );

    const self = await newLearner({ userId: learner.id });
    expect((await nudge(self, staff)).statusCode).toBe(201);
    expectError(await nudge(self, learner), 403, 'NUDGE_FORBIDDEN');
    const mine = await api.get(`/engagement/learners/${self}/nudges`, learner);
    expect(mine.statusCode).toBe(200);
    expect(data<Nudge[]>(mine)).toHaveLength(1);
    expectError(
      await api.get(`/engagement/learners/${taught}/nudges`, learner),
      404,
      'LEARNER_NOT_FOUND',
    );
    expectError(await nudge(UNKNOWN_ID, staff), 404, 'LEARNER_NOT_FOUND');
    expect((await api.get(`/engagement/learners/${self}/nudges`)).statusCode).toBe(401);
  });

  it('should refuse bad input naming the field, an unavailable channel, and the weekly cap, writing nothing', async () => {
    const id = await newLearner();
    const before = await countRows(t, 'engagement_nudges');
    for (const [body, field] of [
      [{ channel: 'pigeon' }, 'channel'],
      [{ type: 'threat' }, 'type'],
      [{ experimentId: 'nope' }, 'experimentId'],
    ] as const) {
      const error = expectError(await nudge(id, staff, body), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(error.details)).toContain(field);
    }
    const email = expectError(
      await nudge(id, staff, { channel: 'email' }),
      409,
      'CHANNEL_NOT_AVAILABLE',
    );
    expect(email.details?.[0]?.path).toBe('/body/channel');
    expectError(await nudge(id, staff, { experimentId: UNKNOWN_ID }), 404, 'EXPERIMENT_NOT_FOUND');
    expect(await countRows(t, 'engagement_nudges')).toBe(before);

    for (let i = 0; i < 3; i++) expect((await nudge(id, staff)).statusCode).toBe(201);
    const capped = await nudge(id, staff);
    const error = expectError(capped, 429, 'NUDGE_CAP_REACHED');
    const detail = error.details?.[0] as { resetAt?: string } | undefined;
    const resetAt = Date.parse(String(detail?.resetAt));
    expect(resetAt - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(6.9 * 86_400);
    expect(await countRows(t, 'engagement_nudges')).toBe(before + 3);
  });

  it('should deliver in-app nudges on the learner’s own WebSocket topic and emit nudge.created', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const socket = await openSocket(`ws://127.0.0.1:${port}/ws?token=${learner.accessToken}`);
    try {
      expect(await socket.next()).toMatchObject({ type: 'authenticated' });
      socket.send({ type: 'subscribe', topic: `nudges:${learner.id}` });
      expect(await socket.next()).toEqual({ type: 'subscribed', topic: `nudges:${learner.id}` });
      socket.send({ type: 'subscribe', topic: `nudges:${staff.id}` });
      expect(await socket.next()).toMatchObject({ type: 'error', code: 'FORBIDDEN' });

      const self = (
        await t.database.query<{ id: string }>(
          `select id from engagement_learners where user_id = '${learner.id}'`,
        )
      )[0]!.id;
      server.enqueue({ kind: 'text', text: 'Live and in-app.' });
      // Another type than before: the same rendered prompt would be answered from the cache.
      const made = data<Nudge>(await nudge(self, staff, { type: 'celebration' }));
      expect(await socket.next((m) => m.type === 'event')).toMatchObject({
        topic: `nudges:${learner.id}`,
        event: {
          type: 'nudge.created',
          data: { nudgeId: made.nudgeId, content: 'Live and in-app.' },
        },
      });
      const [event] = await t.database.query<{ type: string; data: { channel: string } }>(
        `select type, data from outbox_events where subject_id = '${made.nudgeId}'`,
      );
      expect(event).toMatchObject({ type: 'nudge.created', data: { channel: 'in-app' } });
    } finally {
      await socket.close();
    }
  });

  it('should stream the text as Server-Sent Events and store the nudge', async () => {
    const id = await newLearner();
    server.enqueue({ kind: 'text', text: 'Small steps add up fast.' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/engagement/learners/${id}/nudges/stream?channel=in-app&type=reminder`,
      headers: staff.auth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = res.body
      .trim()
      .split('\n\n')
      .map((block) => {
        const [event, dataLine] = block.split('\n');
        return { event: event!.slice(7), data: JSON.parse(dataLine!.slice(6)) };
      });
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.data.text).join('')).toBe('Small steps add up fast.');
    const done = events.at(-1)!;
    expect(done).toMatchObject({
      event: 'done',
      data: { content: 'Small steps add up fast.', type: 'reminder' },
    });
    const listed = data<Nudge[]>(await api.get(`/engagement/learners/${id}/nudges`, staff));
    expect(listed.map((n) => n.nudgeId)).toEqual([done.data.nudgeId]);
    expectError(
      await api.get(
        `/engagement/learners/${UNKNOWN_ID}/nudges/stream?channel=in-app&type=reminder`,
        staff,
      ),
      404,
      'LEARNER_NOT_FOUND',
    );
  });
});

describe('prompt versions', () => {
  it('should version a prompt, keep one active, trace each nudge to its version, and roll back', async () => {
    const v1 = await api.post('/engagement/prompts', staff, {
      name: 'nudge',
      system: 'Be kind.',
      template: 'Cheer {{learnerName}} on in {{course}}.',
    });
    expect(v1.statusCode).toBe(201);
    expect(data(v1)).toMatchObject({ version: 1, promptVersion: 'nudge_v1', active: true });
    const v2 = data(
      await api.post('/engagement/prompts', staff, {
        name: 'nudge',
        template: 'Remind {{learnerName}}.',
      }),
    );
    expect(v2).toMatchObject({ version: 2, active: true });
    const versions = data<{ version: number; active: boolean }[]>(
      await api.get('/engagement/prompts/nudge/versions', staff),
    );
    expect(versions.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);

    const id = await newLearner();
    expect(data<Nudge>(await nudge(id, staff)).promptVersion).toBe('nudge_v2');
    expect(server.requests.at(-1)!.body.messages).toEqual([
      { role: 'user', content: expect.stringMatching(/^Remind Ada [0-9a-f]{4}\.$/) },
    ]);
    const back = await api.post('/engagement/prompts/nudge/rollback', staff, { version: 1 });
    expect(data(back)).toMatchObject({ version: 1, active: true });
    expect(data<Nudge>(await nudge(id, staff)).promptVersion).toBe('nudge_v1');
    expect(server.requests.at(-1)!.body.messages[0]).toEqual({
      role: 'system',
      content: 'Be kind.',
    });

    // Fallback templates are versioned the same way.
    await api.post('/engagement/prompts', staff, {
      name: 'fallback_engagement',
      template: 'We saved your seat, {{learnerName}}.',
    });
    server.enqueue({ kind: 'status', status: 400 });
    expect(data<Nudge>(await nudge(await newLearner(), staff))).toMatchObject({
      gptFallback: true,
      promptVersion: 'fallback_engagement_v1',
      content: expect.stringMatching(/^We saved your seat, Ada/),
    });
  });

  it('should refuse unknown variables, bad names and versions, and non-staff, keeping the versions', async () => {
    const before = await countRows(t, 'engagement_prompts');
    const unknown = expectError(
      await api.post('/engagement/prompts', staff, { name: 'nudge', template: 'Hi {{firstName}}' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.details?.[0]).toMatchObject({
      path: '/body/template',
      message: expect.stringContaining('firstName'),
    });
    const badName = expectError(
      await api.post('/engagement/prompts', staff, { name: 'Nudge!', template: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(badName.details)).toContain('name');
    expectError(
      await api.post('/engagement/prompts/nudge/rollback', staff, { version: 99 }),
      404,
      'PROMPT_VERSION_NOT_FOUND',
    );
    expectError(
      await api.get('/engagement/prompts/unheard_of/versions', staff),
      404,
      'PROMPT_NOT_FOUND',
    );
    expectError(
      await api.post('/engagement/prompts', owner, { name: 'nudge', template: 'x' }),
      403,
      'PERMISSION_DENIED',
    );
    expect(await countRows(t, 'engagement_prompts')).toBe(before);
  });
});

describe('experiments', () => {
  it('should assign each learner one variant for good and count re-engagement within the window', async () => {
    const created = await api.post('/engagement/experiments', staff, {
      name: `tone-${randomUUID().slice(0, 6)}`,
      variants: [
        { key: 'control', promptVersion: 'nudge_v1', weight: 1 },
        { key: 'short', promptVersion: 'nudge_v2', weight: 1 },
      ],
      outcome: { kind: 're-engaged', withinDays: 3 },
    });
    expect(created.statusCode).toBe(201);
    const experiment = data<{ id: string }>(created);

    const byVariant: Record<string, { learnerId: string; nudge: Nudge }[]> = {
      control: [],
      short: [],
    };
    for (let i = 0; i < 16; i++) {
      const learnerId = await newLearner();
      const first = data<Nudge>(await nudge(learnerId, staff, { experimentId: experiment.id }));
      const again = data<Nudge>(await nudge(learnerId, staff, { experimentId: experiment.id }));
      expect(again.variant).toBe(first.variant);
      expect(first.promptVersion).toBe(first.variant === 'control' ? 'nudge_v1' : 'nudge_v2');
      byVariant[first.variant!]!.push({ learnerId, nudge: first });
    }
    expect(byVariant.control!.length).toBeGreaterThan(0);
    expect(byVariant.short!.length).toBeGreaterThan(0);

    // Hand-made history: in control, the first learner comes back within 3 days; in short, the
    // first two do. Late, early and voided activity does not count.
    const at = (n: Nudge, days: number) => new Date(Date.parse(n.createdAt) + days * 86_400_000);
    const activity = (learnerId: string, occurredAt: Date, voided = false) => ({
      learnerId,
      kind: 'login',
      occurredAt,
      source: 'manual',
      sourceId: randomUUID(),
      voidedAt: voided ? new Date() : null,
    });
    const [c0, c1] = byVariant.control!;
    const [s0, s1, s2] = byVariant.short!;
    const rows = [
      activity(c0!.learnerId, at(c0!.nudge, 1)),
      ...(c1
        ? [activity(c1.learnerId, at(c1.nudge, 5)), activity(c1.learnerId, at(c1.nudge, -1))]
        : []),
      activity(s0!.learnerId, at(s0!.nudge, 0.5)),
      ...(s1 ? [activity(s1.learnerId, at(s1.nudge, 2.9))] : []),
      ...(s2 ? [activity(s2.learnerId, at(s2.nudge, 1), true)] : []),
    ];
    await t.database.db.insert(engagementActivity).values(rows);

    const results = data<{
      control: string;
      variants: {
        key: string;
        sent: number;
        converted: number;
        rate: number;
        vsControl: { difference: number; ci95: number[]; pValue: number | null } | null;
      }[];
    }>(await api.get(`/engagement/experiments/${experiment.id}/results`, staff));
    expect(results.control).toBe('control');
    const [control, short] = results.variants;
    // Each learner got two nudges; the activity after the first falls after the second too.
    const nControl = byVariant.control!.length * 2;
    const nShort = byVariant.short!.length * 2;
    const convertedShort = s1 ? 4 : 2;
    expect(control).toMatchObject({
      key: 'control',
      sent: nControl,
      converted: 2,
      vsControl: null,
    });
    expect(short).toMatchObject({ key: 'short', sent: nShort, converted: convertedShort });
    expect(control!.rate).toBeCloseTo(2 / nControl, 6);
    expect(short!.vsControl!.difference).toBeCloseTo(convertedShort / nShort - 2 / nControl, 6);
    const [lo, hi] = short!.vsControl!.ci95;
    expect(lo).toBeLessThan(short!.vsControl!.difference);
    expect(hi).toBeGreaterThan(short!.vsControl!.difference);
    expect(short!.vsControl!.pValue).toBeGreaterThan(0);
    expect(short!.vsControl!.pValue).toBeLessThanOrEqual(1);

    const stopped = await api.post(`/engagement/experiments/${experiment.id}/stop`, staff, {
      promote: 'short',
    });
    expect(data(stopped)).toMatchObject({ status: 'stopped', winner: 'short' });
    const versions = data<{ version: number; active: boolean }[]>(
      await api.get('/engagement/prompts/nudge/versions', staff),
    );
    expect(versions.find((v) => v.active)?.version).toBe(2);
    expectError(
      await nudge(await newLearner(), staff, { experimentId: experiment.id }),
      409,
      'EXPERIMENT_STOPPED',
    );
    expectError(
      await api.post(`/engagement/experiments/${experiment.id}/stop`, staff, {}),
      409,
      'EXPERIMENT_STOPPED',
    );
  });

  it('should refuse variants that name no prompt version or repeat a key, writing nothing', async () => {
    const before = await countRows(t, 'engagement_experiments');
    const post = (variants: unknown[]) =>
      api.post('/engagement/experiments', staff, {
        name: `bad-${randomUUID().slice(0, 6)}`,
        variants,
        outcome: { kind: 're-engaged', withinDays: 7 },
      });
    const missing = expectError(
      await post([
        { key: 'a', promptVersion: 'nudge_v1', weight: 1 },
        { key: 'b', promptVersion: 'nudge_v77', weight: 1 },
      ]),
      400,
      'VALIDATION_FAILED',
    );
    expect(missing.details?.[0]?.path).toBe('/body/variants/1/promptVersion');
    const repeated = expectError(
      await post([
        { key: 'a', channel: 'in-app', weight: 1 },
        { key: 'a', channel: 'webhook', weight: 1 },
      ]),
      400,
      'VALIDATION_FAILED',
    );
    expect(repeated.details?.[0]?.path).toBe('/body/variants/1/key');
    expectError(await post([{ key: 'a', channel: 'in-app', weight: 1 }]), 400, 'VALIDATION_FAILED');
    expectError(
      await api.get(`/engagement/experiments/${UNKNOWN_ID}/results`, staff),
      404,
      'EXPERIMENT_NOT_FOUND',
    );
    expectError(
      await api.get(`/engagement/experiments/${UNKNOWN_ID}/results`, owner),
      403,
      'PERMISSION_DENIED',
    );
    expect(await countRows(t, 'engagement_experiments')).toBe(before);
  });
});

describe('LLM usage of the nudges', () => {
  it('should show every generation per prompt version, fallbacks included', async () => {
    const admin = await createUserAndLogin(t, ['admin']);
    const res = await api.get('/llm/usage?groupBy=prompt&module=engagement', admin);
    expect(res.statusCode).toBe(200);
    const { groups, totals } = res.json().data as {
      groups: { key: string; calls: number }[];
      totals: { calls: number; fallbacks: number };
    };
    expect(groups.map((g) => g.key)).toEqual(['nudge_v0', 'nudge_v1', 'nudge_v2']);
    expect(totals.fallbacks).toBeGreaterThanOrEqual(4);
    // Every nudge made with the LLM's prompt shows up as one call (cached ones included).
    const [row] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from engagement_nudges where prompt_version like 'nudge_v%'`,
    );
    expect(totals.calls - totals.fallbacks).toBe(row!.n);
  });
});
