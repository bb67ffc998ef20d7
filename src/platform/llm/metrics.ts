import { Counter, type Registry } from 'prom-client';

export interface LlmMetrics {
  record(
    outcome: string,
    model: string,
    inputTokens: number,
    outputTokens: number,
    costUsd: number,
  ): void;
  /** Adds the counters to an app's registry (created before the registry exists). */
  registerOn(registry: Registry): void;
}

/**
 * `lectern_llm_requests_total{outcome}`, `lectern_llm_tokens_total{model,kind}` and
 * `lectern_llm_cost_usd_total{model}`, one set per app.
 */
export function createLlmMetrics(): LlmMetrics {
  const requests = new Counter({
    name: 'lectern_llm_requests_total',
    help: 'Generations asked of the LLM client, by outcome (ok, cached, or the fallback reason)',
    labelNames: ['outcome'] as const,
    registers: [],
  });
  const tokens = new Counter({
    name: 'lectern_llm_tokens_total',
    help: 'LLM tokens spent, by model and kind (input, output)',
    labelNames: ['model', 'kind'] as const,
    registers: [],
  });
  const cost = new Counter({
    name: 'lectern_llm_cost_usd_total',
    help: 'LLM cost in USD from the price table, by model',
    labelNames: ['model'] as const,
    registers: [],
  });
  return {
    record(outcome, model, inputTokens, outputTokens, usd) {
      requests.inc({ outcome });
      if (inputTokens > 0) tokens.inc({ model, kind: 'input' }, inputTokens);
      if (outputTokens > 0) tokens.inc({ model, kind: 'output' }, outputTokens);
      if (usd > 0) cost.inc({ model }, usd);
    },
    registerOn(registry) {
      registry.registerMetric(requests);
      registry.registerMetric(tokens);
      registry.registerMetric(cost);
    },
  };
}
