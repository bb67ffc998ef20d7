export {
  createLlmClient,
  type FallbackReason,
  type LlmClient,
  type LlmMessage,
  type LlmRequest,
  type LlmResult,
} from './client.js';
export { createLlmMetrics, type LlmMetrics } from './metrics.js';
export { llmPlatform } from './plugin.js';
export { costOf, parsePrices } from './prices.js';
