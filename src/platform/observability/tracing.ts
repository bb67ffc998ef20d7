import { register } from 'node:module';
import type { Config } from '../config/index.js';

/**
 * The OpenTelemetry packages tracing needs. They are optional (not installed by default), so
 * they are loaded by name at runtime and the build does not depend on them.
 */
export const TRACING_PACKAGES = [
  '@opentelemetry/api@~1.9.0',
  '@opentelemetry/sdk-node@0.223.0',
  '@opentelemetry/exporter-trace-otlp-proto@0.223.0',
  '@opentelemetry/instrumentation-http@0.223.0',
  '@opentelemetry/instrumentation-pg@0.76.0',
  '@fastify/otel@0.21.2',
] as const;

interface NodeSdk {
  start(): void;
  shutdown(): Promise<void>;
}
type Constructor<T = unknown> = new (options?: Record<string, unknown>) => T;

const missing = (name: string, cause: unknown) =>
  new Error(
    `OTEL_EXPORTER_OTLP_ENDPOINT is set but ${name} is not installed; run: npm install ${TRACING_PACKAGES.join(' ')}`,
    { cause },
  );

const load = async (name: string): Promise<Record<string, unknown>> => {
  try {
    return (await import(name)) as Record<string, unknown>;
  } catch (err) {
    throw missing(name, err);
  }
};

/**
 * Starts tracing (HTTP server and client, Fastify routes and hooks, pg queries) exported over
 * OTLP/HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT`; a no-op when it is unset. Must run before the app's
 * modules are imported: instrumentations patch `http`, `pg` and `fastify` as they load, which
 * for ES modules takes the import-in-the-middle loader hook registered here. Returns a function
 * that flushes and stops the exporter.
 */
export async function startTracing(config: Config): Promise<(() => Promise<void>) | null> {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  try {
    register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  } catch (err) {
    throw missing('@opentelemetry/instrumentation', err);
  }

  const sdkNode = await load('@opentelemetry/sdk-node');
  const exporter = await load('@opentelemetry/exporter-trace-otlp-proto');
  const http = await load('@opentelemetry/instrumentation-http');
  const pg = await load('@opentelemetry/instrumentation-pg');
  const fastify = await load('@fastify/otel');

  const NodeSDK = sdkNode.NodeSDK as Constructor<NodeSdk>;
  const OTLPTraceExporter = exporter.OTLPTraceExporter as Constructor;
  const HttpInstrumentation = http.HttpInstrumentation as Constructor;
  const PgInstrumentation = pg.PgInstrumentation as Constructor;
  const FastifyOtelInstrumentation = fastify.FastifyOtelInstrumentation as Constructor;

  const base = endpoint.replace(/\/+$/, '');
  const sdk = new NodeSDK({
    serviceName: config.OTEL_SERVICE_NAME,
    traceExporter: new OTLPTraceExporter({
      url: base.endsWith('/v1/traces') ? base : `${base}/v1/traces`,
    }),
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes would be most of the traces and tell nothing.
        ignoreIncomingRequestHook: (req: { url?: string }) =>
          /^\/(health|ready|metrics)(\?|$)/.test(req.url ?? ''),
      }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      // Hooks into every Fastify instance as it is created; no plugin to register in the app.
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
}
