import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/index.js';
import { startTracing } from '../../src/platform/observability/tracing.js';

const sdkName = '@opentelemetry/sdk-node';
const installed = await import(sdkName).then(
  () => true,
  () => false,
);

describe('startTracing', () => {
  it('should do nothing without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    expect(await startTracing(loadConfig({}))).toBeNull();
  });

  it.skipIf(installed)('should name the packages to install when they are missing', async () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
    await expect(startTracing(config)).rejects.toThrow(
      /npm install @opentelemetry\/api@~1\.9\.0 @opentelemetry\/sdk-node@0\.223\.0/,
    );
  });
});
