import { ConfigError } from '../config/index.js';

/** USD per million tokens, by model. */
export type PriceTable = ReadonlyMap<string, { input: number; output: number }>;

/** Parses `LLM_PRICES`; a bad table stops the start with a message naming the variable. */
export function parsePrices(raw: string): PriceTable {
  if (raw.trim() === '') return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(['LLM_PRICES: is not JSON; wants {"<model>":{"input":…,"output":…}}']);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(['LLM_PRICES: must be an object keyed by model']);
  const prices = new Map<string, { input: number; output: number }>();
  for (const [model, price] of Object.entries(parsed)) {
    const { input, output } = (price ?? {}) as Record<string, unknown>;
    if (!isPrice(input) || !isPrice(output))
      throw new ConfigError([
        `LLM_PRICES: "${model}" needs non-negative numbers "input" and "output" (USD per million tokens)`,
      ]);
    prices.set(model, { input, output });
  }
  return prices;
}

const isPrice = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The cost in USD of one call; a model without a price costs 0. */
export function costOf(
  prices: PriceTable,
  model: string,
  inputTokens: number,
  outputTokens: number,
): number {
  const price = prices.get(model);
  if (!price) return 0;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
