import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LlmRequest } from '#platform/llm/index.js';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { type OpenAiServer, startOpenAiServer } from '../helpers/openai-server.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const request = (): LlmRequest => ({
  module: 'test',
  purpose: 'greeting',
  promptVersion: 'greet_v1',
  messages: [{ role: 'user', content: `Hello ${randomUUID()}` }],
});

let server: OpenAiServer;
beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(() => server.close());

/** Builds an app for one describe block and closes it after. */
function useApp(env: () => Record<string, string>) {
  const t = {} as TestApp;
  const users = {} as { admin: TestUser };
  beforeAll(async () => {
    Object.assign(t, await buildTestApp(env()));
    users.admin = await createUserAndLogin(t, ['admin']);
  });
  afterAll(() => t.close());
  return { t, users };
}

// Built first: the process's `llm` breaker takes this app's settings (500 ms to half-open).
describe('LLM circuit breaker', () => {
  const { t, users } = useApp(() => ({
    LLM_BASE_URL: server.url,
    LLM_MAX_RETRIES: '0',
    LLM_BREAKER_RESET_MS: '500',
    LLM_CACHE_TTL_SECONDS: '0',
  }));
  const ready = () =>
    t.app
      .inject({ method: 'GET', url: '/ready', headers: users.admin.auth })
      .then((r) => r.json().data);

  it('should open after repeated 500s, fall back without calling, and show degraded on /ready', async () => {
    expect((await ready()).status).toBe('ready');
    server.setDefault({ kind: 'status', status: 500 });
    for (let i = 0; i < 10; i++)
      expect(await t.app.lectern.llm.complete(request())).toMatchObject({
        ok: false,
        reason: 'error',
      });
    const before = server.requests.length;
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({
      ok: false,
      reason: 'circuit_open',
    });
    expect(server.requests.length).toBe(before);

    const readiness = await ready();
    expect(readiness.status).toBe('degraded');
    expect(readiness.failures).toContainEqual({ path: 'breakers/llm', message: 'circuit open' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('circuit_breaker_state{name="llm",state="open"} 1');
    expect(metrics.body).toMatch(/lectern_llm_requests_total\{outcome="circuit_open"\} 1/);
  });

  it('should close again once the endpoint recovers', async () => {
    server.setDefault({ kind: 'text', text: 'Back again' });
    await sleep(600);
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({
      ok: true,
      text: 'Back again',
    });
    expect((await ready()).status).toBe('ready');
  });
});

describe('LLM without LLM_BASE_URL', () => {
  const { t } = useApp(() => ({}));

  it('should fall back at once, call nothing, and record the fallback', async () => {
    const before = server.requests.length;
    expect(t.app.lectern.llm.enabled).toBe(false);
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({
      ok: false,
      reason: 'disabled',
    });
    expect(server.requests.length).toBe(before);
  });
});

describe('LLM daily budget', () => {
  const { t, users } = useApp(() => ({
    LLM_BASE_URL: server.url,
    LLM_MODEL: 'priced',
    LLM_PRICES: JSON.stringify({ priced: { input: 0, output: 1000 } }),
    LLM_DAILY_BUDGET_USD: '0.5',
  }));

  it('should stop calling once the day has spent the budget, and sum the cost in usage', async () => {
    // 600 output tokens at $1000/M: $0.60, over the $0.50 budget after one call.
    server.enqueue({ kind: 'text', text: 'Pricey', completionTokens: 600 });
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({ ok: true, costUsd: 0.6 });
    const before = server.requests.length;
    expect(await t.app.lectern.llm.complete(request())).toMatchObject({
      ok: false,
      reason: 'budget',
    });
    expect(server.requests.length).toBe(before);
    const usage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/llm/usage?groupBy=model',
      headers: users.admin.auth,
    });
    expect(usage.json().data.totals).toMatchObject({
      calls: 2,
      costUsd: 0.6,
      fallbacks: 1,
      outputTokens: 600,
    });
  });
});
