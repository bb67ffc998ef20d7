import { describe, expect, it } from 'vitest';
import { loadConfig } from '#platform/config/index.js';
import { startTracing } from './tracing.js';

describe('startTracing', () => {
  it('should do nothing without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    expect(await startTracing(loadConfig({}))).toBeNull();
  });
});
