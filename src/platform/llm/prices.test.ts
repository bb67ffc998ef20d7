import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/index.js';
import { costOf, parsePrices } from './prices.js';

describe(parsePrices.name, () => {
  it('should read USD per million tokens per model, and cost an unlisted model 0', () => {
    const prices = parsePrices('{"m":{"input":0.15,"output":0.6}}');
    expect(costOf(prices, 'm', 2_000_000, 1_000_000)).toBeCloseTo(0.9);
    expect(costOf(prices, 'other', 1000, 1000)).toBe(0);
    expect(parsePrices('').size).toBe(0);
  });

  it('should refuse a table that is not JSON or has a bad price, naming LLM_PRICES', () => {
    for (const bad of ['{', '[]', '{"m":{"input":-1,"output":1}}', '{"m":{"input":1}}'])
      expect(() => parsePrices(bad)).toThrow(ConfigError);
    expect(() => parsePrices('{"m":{"input":"1","output":1}}')).toThrow(/LLM_PRICES: "m"/);
  });
});

describe('LLM configuration', () => {
  it('should default to no endpoint, and never echo the key in a message', () => {
    expect(loadConfig({})).toMatchObject({ LLM_MODEL: 'gpt-4o-mini', LLM_TIMEOUT_MS: 8000 });
    expect(loadConfig({}).LLM_BASE_URL).toBeUndefined();
    expect(() => loadConfig({ LLM_BASE_URL: 'ftp://x', LLM_API_KEY: 'sk-secret' })).toThrow(
      /LLM_BASE_URL/,
    );
    expect(() => loadConfig({ LLM_TIMEOUT_MS: '5', LLM_API_KEY: 'sk-secret' })).not.toThrow(
      /sk-secret/,
    );
  });
});
