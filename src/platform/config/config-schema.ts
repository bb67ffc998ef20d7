import { availableParallelism } from 'node:os';
import { type Static, Type } from 'typebox';

const Bool = (def: boolean, description: string) => Type.Boolean({ default: def, description });
const Int = (def: number, min: number, max: number, description: string) =>
  Type.Integer({ default: def, minimum: min, maximum: max, description });
const OneOf = <T extends string>(values: readonly T[], def: T, description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { default: def, description: `${description} (one of: ${values.join(', ')})` },
  );

/**
 * Every environment variable Lectern reads, with its default and meaning. The README's
 * configuration table mirrors this schema; `loadConfig` validates the environment against it.
 */
export const ConfigSchema = Type.Object({
  NODE_ENV: OneOf(['development', 'production', 'test'] as const, 'development', 'runtime mode'),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1, description: 'interface to listen on' }),
  PORT: Int(3000, 0, 65535, 'HTTP port'),
  DATA_DIR: Type.String({
    default: './data',
    minLength: 1,
    description: 'embedded database, generated secrets and stored files',
  }),
  STORAGE_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'directory of uploaded files (videos, covers); default: `files` under DATA_DIR',
    }),
  ),
  UPLOAD_MAX_BYTES: Int(
    2_147_483_648,
    1,
    1_099_511_627_776,
    'largest uploaded file in bytes (lesson videos; course covers are also capped at 5 MB)',
  ),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL connection URL; unset means the embedded PGlite database',
    }),
  ),
  DB_POOL_MAX: Int(10, 1, 1000, 'PostgreSQL pool size'),
  DB_IDLE_TIMEOUT_MS: Int(10_000, 0, 3_600_000, 'close pooled connections idle this long'),
  DB_STATEMENT_TIMEOUT_MS: Int(30_000, 0, 3_600_000, 'server-side statement timeout (0 = none)'),
  DB_CONNECT_TIMEOUT: Int(30, 0, 3600, 'seconds to keep retrying the first connection'),
  MIGRATE_ON_START: Bool(true, 'apply pending migrations when the server starts'),
  SEED_DEMO: Type.Optional(
    Type.Boolean({
      description: 'seed the demo school; default: on only when DATABASE_URL is unset',
    }),
  ),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description:
        'Redis URL: shared cache (L2) and its invalidations, rate limits, realtime fan-out; unset means in-process only',
    }),
  ),
  REDIS_KEY_PREFIX: Type.String({
    default: 'lectern:',
    pattern: '^[A-Za-z0-9_.:-]{1,64}$',
    description:
      'prefix of every Redis key and channel: deployments (or test runs) sharing one Redis use different ones',
  }),
  REDIS_COMMAND_TIMEOUT_MS: Int(
    1000,
    10,
    60_000,
    'a Redis command without a reply this long fails (the cache then falls back to its loaders)',
  ),
  CACHE_MAX_ENTRIES: Int(
    10_000,
    1,
    10_000_000,
    "entries kept in each process's in-memory cache (LRU)",
  ),
  CACHE_DEFAULT_TTL_SECONDS: Int(
    300,
    1,
    604_800,
    'lifetime of a cached value unless its caller sets one',
  ),
  JWT_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'HMAC secret for access tokens (>= 32 chars); embedded mode generates one',
    }),
  ),
  JWT_ACCESS_TTL: Int(900, 30, 86_400, 'access token lifetime in seconds'),
  REFRESH_TTL: Int(30 * 86_400, 300, 365 * 86_400, 'refresh token lifetime in seconds'),
  AUTH_CACHE_TTL_SECONDS: Int(
    30,
    0,
    3600,
    'sessions, roles and API keys are cached per process this long at most (safety net: revocations drop them at once; 0 = off)',
  ),
  AUTH_REVOCATION_TIMEOUT_MS: Int(
    2000,
    100,
    60_000,
    'a revoking request waits this long at most for every process to confirm it dropped the revoked credentials',
  ),
  SIGNUP: OneOf(['open', 'closed'] as const, 'open', 'whether anyone may sign up'),
  ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email', description: 'first admin email' })),
  ADMIN_PASSWORD: Type.Optional(
    Type.String({ minLength: 10, description: 'first admin password (>= 10 chars)' }),
  ),
  CORS_ORIGINS: Type.String({
    default: '',
    description: 'comma-separated origins allowed by CORS; empty allows none',
  }),
  BODY_LIMIT: Int(1_048_576, 1024, 1_073_741_824, 'largest JSON body in bytes'),
  RATE_LIMIT_ANON: Int(300, 1, 1_000_000, 'requests per minute per IP without credentials'),
  RATE_LIMIT_AUTH: Int(1200, 1, 1_000_000, 'requests per minute per user or API key'),
  UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: Int(
    1000,
    0,
    60_000,
    'answer 503 (Retry-After) while the mean event-loop delay exceeds this (0 = off)',
  ),
  UNDER_PRESSURE_MAX_HEAP_BYTES: Int(
    0,
    0,
    1_099_511_627_776,
    'answer 503 (Retry-After) while the V8 heap in use exceeds this many bytes (0 = off)',
  ),
  UNDER_PRESSURE_RETRY_AFTER: Int(10, 1, 3600, 'Retry-After seconds sent when under pressure'),
  METRICS_ENABLED: Bool(
    true,
    'serve Prometheus metrics at /metrics (in production only when METRICS_TOKEN is set)',
  ),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      description:
        '/metrics then requires `Authorization: Bearer <token>` (>= 16 chars); it also shows the details of /ready',
    }),
  ),
  LOG_LEVEL: OneOf(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
    'info',
    'log level',
  ),
  TRUST_PROXY: Bool(false, 'trust X-Forwarded-* headers (behind a load balancer)'),
  SHUTDOWN_TIMEOUT_MS: Int(10_000, 100, 600_000, 'time allowed for in-flight work on shutdown'),
  ROLE: OneOf(
    ['all', 'api', 'worker'] as const,
    'all',
    'what this process does: serve the API and work jobs, only serve the API (enqueue only), or only work jobs (HTTP limited to /health, /ready and /metrics)',
  ),
  JOBS_CONCURRENCY: Int(5, 1, 1000, 'jobs of one queue run at once per worker process (default)'),
  JOBS_POLL_INTERVAL_MS: Int(2000, 500, 60_000, 'how often idle workers look for due jobs'),
  JOBS_RETRY_LIMIT: Int(3, 0, 100, 'retries of a failed job before it goes to dead letters'),
  JOBS_RETRY_DELAY_SECONDS: Int(
    5,
    1,
    86_400,
    'base delay before a retry; doubles per attempt, with jitter',
  ),
  JOBS_MAINTENANCE_INTERVAL_SECONDS: Int(
    60,
    1,
    3600,
    'how often workers expire job runs past their timeout (e.g. of a killed process) so they are retried',
  ),
  JOBS_TIMEOUT_SECONDS: Int(900, 1, 86_399, 'a job run taking longer fails (and is retried)'),
  CLEANUP_RETENTION_DAYS: Int(
    30,
    1,
    3650,
    'nightly clean-up deletes finished jobs and ended sessions older than this',
  ),
  EVENTS_RETENTION_DAYS: Int(
    90,
    0,
    36_500,
    'nightly clean-up deletes domain events (and their receipts) dispatched longer ago than this; 0 keeps them forever',
  ),
  SOLVER_THREADS: Int(
    Math.max(1, availableParallelism() - 1),
    1,
    256,
    'timetabling: worker threads of the shared solver pool; concurrent solves queue for them (default: cores - 1, at least 1)',
  ),
  ARCHIVE_WORKER_THREADS: Int(
    Math.max(1, availableParallelism() - 1),
    1,
    256,
    'archive: FITS files parsed, rendered and cut at once in worker threads; more requests queue (default: cores - 1, at least 1)',
  ),
  ARCHIVE_REQUIRE_CHECKSUM: Bool(
    false,
    'archive: refuse (422) a FITS file whose CHECKSUM or DATASUM does not match, instead of ingesting it with QA `fail`',
  ),
  ARCHIVE_VO_PUBLIC: Bool(
    false,
    'archive: the Virtual Observatory endpoints under /vo answer anyone; otherwise they need an API key (query `key` or X-API-Key) with archive:read',
  ),
  ARCHIVE_IMPORT_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'archive: the directory whose files admins may batch-ingest by path (unset: batches take uploads only)',
    }),
  ),
  CLEANUP_CRON: Type.String({
    default: '17 3 * * *',
    minLength: 9,
    description: 'when the nightly clean-up job runs (cron, UTC)',
  }),
  WS_AUTH_TIMEOUT_MS: Int(
    5_000,
    50,
    60_000,
    'WebSocket: close a socket that has not authenticated within this time (4401)',
  ),
  WS_HEARTBEAT_MS: Int(
    30_000,
    50,
    600_000,
    'WebSocket: ping interval; a socket that missed the previous pong is closed',
  ),
  WS_MAX_BUFFERED_BYTES: Int(
    1_048_576,
    1024,
    268_435_456,
    'WebSocket: unsent bytes allowed per client before it is closed as a slow consumer (1013)',
  ),
  WS_REPLAY_BUFFER: Int(
    1000,
    0,
    1_000_000,
    'WebSocket: recent events kept per process for `resume` after a reconnect',
  ),
  WS_MAX_SUBSCRIPTIONS: Int(100, 1, 10_000, 'WebSocket: topics one socket may subscribe to'),
  WEBHOOK_ALLOW_HOSTS: Type.String({
    default: '',
    description:
      'comma-separated hosts (or host:port) webhooks may reach even though they resolve to private addresses',
  }),
  WEBHOOK_TIMEOUT_MS: Int(10_000, 100, 120_000, 'timeout of one webhook delivery attempt'),
  WEBHOOK_RETRY_LIMIT: Int(
    12,
    0,
    30,
    'webhook retries after the first failed attempt; then the endpoint is disabled',
  ),
  WEBHOOK_RETRY_DELAY_SECONDS: Int(
    30,
    1,
    3600,
    'base of the exponential webhook backoff (12 retries from 30 s span about 1.5 to 3 days)',
  ),
  LLM_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description:
        'base URL of an OpenAI-compatible API (e.g. `https://api.openai.com/v1`); unset means every generation uses its template fallback',
    }),
  ),
  LLM_API_KEY: Type.Optional(
    Type.String({ minLength: 1, description: 'bearer key sent to LLM_BASE_URL (never logged)' }),
  ),
  LLM_MODEL: Type.String({
    default: 'gpt-4o-mini',
    minLength: 1,
    description: 'chat model asked for every generation',
  }),
  LLM_TIMEOUT_MS: Int(8000, 100, 120_000, 'LLM: one attempt is aborted after this long'),
  LLM_MAX_TOKENS: Int(400, 1, 32_000, 'LLM: most output tokens asked for per call'),
  LLM_MAX_RETRIES: Int(
    2,
    0,
    10,
    'LLM: retries of a call answered 429/5xx or timed out (exponential backoff with jitter)',
  ),
  LLM_PRICES: Type.String({
    default: '',
    description:
      'LLM: JSON price table in USD per million tokens, `{"<model>":{"input":0.15,"output":0.6}}`; a model not listed costs 0',
  }),
  LLM_DAILY_BUDGET_USD: Type.Number({
    default: 0,
    minimum: 0,
    description:
      "LLM: once the day's (UTC) recorded cost reaches this, calls fall back to templates until midnight (0 = no cap)",
  }),
  LLM_CACHE_TTL_SECONDS: Int(
    86_400,
    0,
    2_592_000,
    'LLM: answers are cached this long, keyed by prompt version, model and rendered input (0 = off)',
  ),
  LLM_BREAKER_RESET_MS: Int(
    30_000,
    100,
    3_600_000,
    'LLM: an open circuit breaker lets a trial call through after this long',
  ),
  ENGAGEMENT_NUDGES_PER_WEEK: Int(
    3,
    1,
    1000,
    'engagement: most nudges one learner gets in any 7 days (then 429 with the reset time)',
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({ description: 'OTLP endpoint; set to turn tracing on' }),
  ),
  OTEL_SERVICE_NAME: Type.String({
    default: 'lectern',
    minLength: 1,
    description: 'service name on exported traces',
  }),
});

export type Config = Static<typeof ConfigSchema>;
