import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmRequest } from '#platform/llm/index.js';
import { apiClient } from '../helpers/api-client.js';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { type OpenAiServer, startOpenAiServer } from '../helpers/openai-server.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const API_KEY = 'sk-test-never-in-logs-0123456789';
let server: OpenAiServer;
const t = {} as TestApp;
const api = apiClient(t);
let admin: TestUser;
let staff: TestUser;

beforeAll(async () => {
  server = await startOpenAiServer();
  Object.assign(
    t,
    await buildTestApp({
      LLM_BASE_URL: server.url,
      LLM_API_KEY: API_KEY,
      LLM_MODEL: 'tiny-chat',
      LLM_TIMEOUT_MS: '300',
      LLM_MAX_RETRIES: '2',
      LLM_PRICES: JSON.stringify({ 'tiny-chat': { input: 1, output: 4 } }),
    }),
  );
  admin = await createUserAndLogin(t, ['admin']);
  staff = await createUserAndLogin(t, ['staff']);
});
afterAll(async () => {
  await t.close();
  await server.close();
});

/** A request no other test sends, so no cached answer serves it. */
const request = (over: Partial<LlmRequest> = {}): LlmRequest => ({
  module: 'test',
  purpose: 'greeting',
  promptVersion: 'greet_v1',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: `Hello ${randomUUID()}` },
  ],
  ...over,
});

describe('LLM client over real HTTP', () => {
  it('should send the model, key and messages, and return the text with its tokens and cost', async () => {
    server.enqueue({
      kind: 'text',
      text: '  Well done!  ',
      promptTokens: 1000,
      completionTokens: 500,
    });
    const sent = request();
    const result = await t.app.lectern.llm.complete(sent);
    expect(result).toMatchObject({
      ok: true,
      text: 'Well done!',
      model: 'tiny-chat',
      cached: false,
      inputTokens: 1000,
      outputTokens: 500,
      // 1000 × $1/M + 500 × $4/M
      costUsd: 0.003,
    });
    const received = server.requests.at(-1)!;
    expect(received.authorization).toBe(`Bearer ${API_KEY}`);
    expect(received.body).toMatchObject({ model: 'tiny-chat', max_tokens: 400 });
    expect(received.body.messages).toEqual(sent.messages);
  });

  it('should answer the same prompt version, model and input from the cache, without a request', async () => {
    const sent = request();
    const first = await t.app.lectern.llm.complete(sent);
    const before = server.requests.length;
    const again = await t.app.lectern.llm.complete(sent);
    expect(server.requests.length).toBe(before);
    expect(again).toMatchObject({
      ok: true,
      text: first.ok ? first.text : '',
      cached: true,
      costUsd: 0,
    });
    // Another prompt version is another question.
    await t.app.lectern.llm.complete({ ...sent, promptVersion: 'greet_v2' });
    expect(server.requests.length).toBe(before + 1);
  });

  it('should stream the text as it arrives, with the usage of the last chunk', async () => {
    server.enqueue({
      kind: 'text',
      text: 'one two three four',
      promptTokens: 10,
      completionTokens: 4,
    });
    const deltas: string[] = [];
    const result = await t.app.lectern.llm.stream(request(), (d) => deltas.push(d));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('one two three four');
    expect(result).toMatchObject({
      ok: true,
      text: 'one two three four',
      inputTokens: 10,
      outputTokens: 4,
    });
    expect(server.requests.at(-1)!.body.stream).toBe(true);
  });

  it('should retry a 500 and a 429 and then take the answer', async () => {
    server.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 429 });
    server.enqueue({ kind: 'text', text: 'Third time lucky' });
    const before = server.requests.length;
    const result = await t.app.lectern.llm.complete(request());
    expect(result).toMatchObject({ ok: true, text: 'Third time lucky' });
    expect(server.requests.length - before).toBe(3);
  });

  it('should not retry a 400 and fall back with the reason', async () => {
    server.enqueue({ kind: 'status', status: 400 });
    const before = server.requests.length;
    const result = await t.app.lectern.llm.complete(request());
    expect(result).toMatchObject({ ok: false, reason: 'error' });
    expect(server.requests.length - before).toBe(1);
  });

  it('should fall back on an answer that is empty, not text, too long or not JSON', async () => {
    server.enqueue({ kind: 'text', text: '   ' });
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({
      ok: false,
      reason: 'invalid_answer',
    });
    server.enqueue({ kind: 'no-text' });
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({
      ok: false,
      reason: 'invalid_answer',
    });
    server.enqueue({ kind: 'text', text: 'x'.repeat(50) });
    expect(await t.app.lectern.llm.complete(request({ maxChars: 20 }))).toMatchObject({
      ok: false,
      reason: 'invalid_answer',
    });
    server.enqueue({ kind: 'malformed' });
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({
      ok: false,
      reason: 'invalid_answer',
    });
  });

  it('should give up on a slow endpoint after the timeout and its retries', async () => {
    server.enqueue(
      { kind: 'text', text: 'late', delayMs: 2000 },
      { kind: 'text', text: 'late', delayMs: 2000 },
      { kind: 'hang' },
    );
    const started = Date.now();
    const result = await t.app.lectern.llm.complete(request());
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    // Three attempts of 300 ms and two short backoffs, far from the 2 s answers.
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it('should never log the key, the prompt or the answer', async () => {
    const secretName = `Zebediah-${randomUUID()}`;
    server.enqueue({ kind: 'text', text: `Dear ${secretName}` });
    await t.app.lectern.llm.complete(
      request({ messages: [{ role: 'user', content: `Write to ${secretName}` }] }),
    );
    const text = JSON.stringify(t.logs);
    expect(text).toContain('llm call');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(secretName);
  });

  it('should count requests, tokens and cost in the metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/lectern_llm_requests_total\{outcome="ok"\} \d+/);
    expect(res.body).toMatch(/lectern_llm_requests_total\{outcome="cached"\} [1-9]/);
    expect(res.body).toMatch(/lectern_llm_requests_total\{outcome="invalid_answer"\} [1-9]/);
    expect(res.body).toMatch(/lectern_llm_tokens_total\{model="tiny-chat",kind="input"\} [1-9]/);
    expect(res.body).toMatch(/lectern_llm_cost_usd_total\{model="tiny-chat"\} 0\.0\d+/);
  });
});

describe('GET /llm/usage', () => {
  it('should sum every call per model and per prompt version, with its permission', async () => {
    const byModel = await api.get('/llm/usage?groupBy=model', admin);
    expect(byModel.statusCode).toBe(200);
    const { groups, totals } = byModel.json().data;
    expect(groups).toEqual([expect.objectContaining({ key: 'tiny-chat' })]);
    expect(totals.calls).toBe(groups[0].calls);
    expect(totals.cached).toBeGreaterThanOrEqual(1);
    expect(totals.fallbacks).toBeGreaterThanOrEqual(6);
    expect(totals.costUsd).toBeGreaterThanOrEqual(0.003);

    const byPrompt = (await api.get('/llm/usage?groupBy=prompt', admin)).json().data;
    expect(byPrompt.groups.map((g: { key: string }) => g.key)).toEqual(['greet_v1', 'greet_v2']);
    expect(byPrompt.groups.find((g: { key: string }) => g.key === 'greet_v2').calls).toBe(1);
    expect(byPrompt.totals.calls).toBe(totals.calls);

    const today = new Date().toISOString().slice(0, 10);
    const byDay = (await api.get('/llm/usage', admin)).json().data;
    expect(byDay).toMatchObject({
      groupBy: 'day',
      groups: [expect.objectContaining({ key: today })],
    });
  });

  it('should count nothing outside the period', async () => {
    const res = await api.get(
      '/llm/usage?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z',
      admin,
    );
    expect(res.json().data).toMatchObject({ groups: [], totals: { calls: 0, costUsd: 0 } });
  });

  it('should refuse bad input naming the parameter, and callers without llm:read', async () => {
    const bad = await api.get('/llm/usage?groupBy=week', admin);
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('groupBy');
    const backwards = await api.get(
      '/llm/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      admin,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toBe('/querystring/to');
    expect((await api.get('/llm/usage', staff)).statusCode).toBe(403);
    expect((await api.get('/llm/usage')).statusCode).toBe(401);
  });
});
