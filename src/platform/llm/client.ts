import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import type { Cache } from '../cache/index.js';
import type { Clock } from '../clock/index.js';
import type { Config } from '../config/index.js';
import type { Database } from '../db/index.js';
import { AppError } from '../errors/index.js';
import { type BreakerRegistry, defaultBreakers, retryWithBackoff } from '../resilience/index.js';
import type { LlmMetrics } from './metrics.js';
import { costOf, parsePrices } from './prices.js';
import * as repo from './repository.js';

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  /** Who asks (`engagement`) and what for (`nudge`): the usage table's grouping. */
  module: string;
  purpose: string;
  /** The prompt version that rendered `messages`: part of the cache key and of every usage row. */
  promptVersion: string;
  messages: readonly LlmMessage[];
  maxTokens?: number;
  /** A longer answer is refused as invalid (the caller falls back). */
  maxChars?: number;
}

/** Why a generation did not come from the LLM: the caller uses its template fallback. */
export type FallbackReason =
  | 'disabled'
  | 'circuit_open'
  | 'budget'
  | 'timeout'
  | 'error'
  | 'invalid_answer';

export type LlmResult =
  | {
      ok: true;
      text: string;
      model: string;
      cached: boolean;
      inputTokens: number;
      outputTokens: number;
      costUsd: number;
      latencyMs: number;
    }
  | { ok: false; reason: FallbackReason; model: string; latencyMs: number };

export interface LlmClient {
  /** Whether an endpoint is configured at all (no `LLM_BASE_URL`: every call falls back). */
  readonly enabled: boolean;
  readonly model: string;
  /** One chat completion. Never throws for the LLM's failures: they come back as `ok: false`. */
  complete(request: LlmRequest): Promise<LlmResult>;
  /** As `complete`, streamed: `onDelta` gets the text as it arrives (a cache hit in one piece). */
  stream(request: LlmRequest, onDelta: (text: string) => void): Promise<LlmResult>;
}

export interface LlmDeps {
  config: Config;
  db: Database;
  cache: Cache;
  clock: Clock;
  log: FastifyBaseLogger;
  metrics: LlmMetrics;
  breakers?: BreakerRegistry;
}

interface Answer {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

/** An answer the client will not pass on (empty, too long, not text, not JSON). */
class InvalidAnswer extends Error {
  override name = 'InvalidAnswer';
}

const DAY_MS = 86_400_000;

/** The LLM as every module sees it: retries, a breaker, a cache, a budget, usage rows. */
export function createLlmClient(deps: LlmDeps): LlmClient {
  const { config, db, cache, clock, log, metrics } = deps;
  const prices = parsePrices(config.LLM_PRICES);
  const model = config.LLM_MODEL;
  const enabled = config.LLM_BASE_URL !== undefined;
  const sdk = enabled
    ? new OpenAI({
        baseURL: config.LLM_BASE_URL,
        // Some local servers need no key; the SDK insists on one.
        apiKey: config.LLM_API_KEY ?? 'unused',
        // Retries and timeouts are ours: the breaker must see every attempt.
        maxRetries: 0,
        timeout: config.LLM_TIMEOUT_MS,
      })
    : undefined;
  const breaker = (deps.breakers ?? defaultBreakers).get('llm', {
    timeoutMs: config.LLM_TIMEOUT_MS,
    resetTimeoutMs: config.LLM_BREAKER_RESET_MS,
    volumeThreshold: 10,
    errorThresholdPercentage: 50,
    // A refused request (bad key, bad model) is our mistake, and an answer we will not use still
    // came back: neither says the endpoint is unwell.
    isFailure: (e) =>
      !(e instanceof InvalidAnswer) && !(e instanceof APIError && isClientError(e.status)),
  });

  async function overBudget(): Promise<boolean> {
    if (config.LLM_DAILY_BUDGET_USD <= 0) return false;
    const now = clock.now().getTime();
    const spent = await repo.costSince(db, new Date(now - (now % DAY_MS)));
    return spent >= config.LLM_DAILY_BUDGET_USD;
  }

  async function callOnce(
    request: LlmRequest,
    signal: AbortSignal,
    onDelta?: (text: string) => void,
  ): Promise<Answer> {
    const body = {
      model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      max_tokens: request.maxTokens ?? config.LLM_MAX_TOKENS,
    };
    if (!onDelta) {
      const completion = await sdk!.chat.completions.create(body, { signal });
      const content = completion.choices?.[0]?.message?.content;
      return checked(request, {
        text: typeof content === 'string' ? content : '',
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
      });
    }
    const stream = await sdk!.chat.completions.create(
      { ...body, stream: true, stream_options: { include_usage: true } },
      { signal },
    );
    let text = '';
    let inputTokens = 0;
    let outputTokens = 0;
    for await (const chunk of stream) {
      const delta = chunk.choices?.[0]?.delta?.content;
      if (typeof delta === 'string' && delta !== '') {
        text += delta;
        if (request.maxChars !== undefined && text.length > request.maxChars)
          throw new InvalidAnswer(`answer longer than ${request.maxChars} characters`);
        onDelta(delta);
      }
      if (chunk.usage) {
        inputTokens = chunk.usage.prompt_tokens;
        outputTokens = chunk.usage.completion_tokens;
      }
    }
    return checked(request, { text, inputTokens, outputTokens });
  }

  async function generate(
    request: LlmRequest,
    onDelta?: (text: string) => void,
  ): Promise<LlmResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let attempts = 0;
    const finish = async (
      outcome: 'ok' | 'cached' | FallbackReason,
      answer?: Answer,
      error?: string,
    ): Promise<LlmResult> => {
      const latencyMs = elapsed();
      const fresh = outcome === 'ok' && answer !== undefined;
      const inputTokens = fresh ? answer.inputTokens : 0;
      const outputTokens = fresh ? answer.outputTokens : 0;
      const costUsd = fresh ? costOf(prices, model, inputTokens, outputTokens) : 0;
      const fallback = outcome !== 'ok' && outcome !== 'cached';
      metrics.record(outcome, model, inputTokens, outputTokens, costUsd);
      // Never the messages or the answer: they name learners.
      log.info(
        {
          llm: {
            module: request.module,
            purpose: request.purpose,
            promptVersion: request.promptVersion,
            model,
            outcome,
            attempts,
            latencyMs,
            inputTokens,
            outputTokens,
            costUsd,
            ...(error ? { error } : {}),
          },
        },
        fallback ? 'llm call fell back' : 'llm call',
      );
      await repo
        .insertUsage(db, {
          module: request.module,
          purpose: request.purpose,
          promptVersion: request.promptVersion,
          model,
          inputTokens,
          outputTokens,
          costUsd,
          latencyMs,
          cached: outcome === 'cached',
          fallback,
          outcome,
          attempts,
          error: error ?? null,
          createdAt: clock.now(),
        })
        .catch((e: unknown) => log.error({ err: e }, 'could not record LLM usage'));
      if (fallback) return { ok: false, reason: outcome, model, latencyMs };
      return {
        ok: true,
        text: answer!.text,
        model,
        cached: outcome === 'cached',
        inputTokens,
        outputTokens,
        costUsd,
        latencyMs,
      };
    };

    if (!sdk) return finish('disabled');
    let loaded = false;
    const load = async (): Promise<Answer> => {
      loaded = true;
      if (await overBudget()) throw new BudgetExceeded();
      let streamed = false;
      const deltaOnce = onDelta
        ? (text: string) => {
            streamed = true;
            onDelta(text);
          }
        : undefined;
      return retryWithBackoff(
        () => {
          attempts++;
          return breaker.run((signal) => callOnce(request, signal, deltaOnce));
        },
        {
          maxElapsedMs: config.LLM_TIMEOUT_MS * (config.LLM_MAX_RETRIES + 1),
          initialDelayMs: 100,
          maxDelayMs: 2000,
          // Text already streamed to the caller cannot be taken back: no retry after a delta.
          retryable: (e) => attempts <= config.LLM_MAX_RETRIES && !streamed && isRetryable(e),
        },
      );
    };
    try {
      const key = cacheKey(model, request, config.LLM_MAX_TOKENS);
      const answer =
        config.LLM_CACHE_TTL_SECONDS > 0
          ? await cache.getOrLoad(key, load, { ttl: config.LLM_CACHE_TTL_SECONDS })
          : await load();
      if (!loaded) onDelta?.(answer.text);
      return finish(loaded ? 'ok' : 'cached', answer);
    } catch (error) {
      return finish(reasonOf(error), undefined, describe(error));
    }
  }

  return {
    enabled,
    model,
    complete: (request) => generate(request),
    stream: (request, onDelta) => generate(request, onDelta),
  };
}

class BudgetExceeded extends Error {
  override name = 'BudgetExceeded';
}

function checked(request: LlmRequest, answer: Answer): Answer {
  const text = answer.text.trim();
  if (text === '') throw new InvalidAnswer('empty or non-text answer');
  if (request.maxChars !== undefined && text.length > request.maxChars)
    throw new InvalidAnswer(`answer longer than ${request.maxChars} characters`);
  return { ...answer, text };
}

const isClientError = (status: number | undefined) =>
  status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;

function isRetryable(error: unknown): boolean {
  if (error instanceof AppError) return error.details?.some((d) => d.reason === 'timeout') ?? false;
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) return error.status === undefined || !isClientError(error.status);
  return false;
}

function reasonOf(error: unknown): FallbackReason {
  if (error instanceof BudgetExceeded) return 'budget';
  if (error instanceof InvalidAnswer || error instanceof SyntaxError) return 'invalid_answer';
  if (error instanceof AppError && error.kind === 'dependency_unavailable') {
    const reason = error.details?.[0]?.reason;
    return reason === 'circuit_open' ? 'circuit_open' : reason === 'timeout' ? 'timeout' : 'error';
  }
  return 'error';
}

/** What the log and the usage row say about a failure: never a header or a prompt. */
function describe(error: unknown): string {
  if (error instanceof APIError && error.status !== undefined) return `HTTP ${error.status}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return 'unknown error';
}

function cacheKey(model: string, request: LlmRequest, defaultMaxTokens: number): string {
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        request.promptVersion,
        model,
        request.maxTokens ?? defaultMaxTokens,
        request.messages,
      ]),
    )
    .digest('base64url');
  return `llm:${digest}`;
}
