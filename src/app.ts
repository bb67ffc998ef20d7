import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { appModules } from '#modules/index.js';
import { auditPlugin } from '#platform/audit/index.js';
import {
  apiKeysPlugin,
  authentication,
  authPlugin,
  type CredentialCache,
  createCredentialCache,
  createRevocations,
  type Revocations,
  registerCredentialCacheMetrics,
} from '#platform/auth/index.js';
import { type Cache, createCache, registerCacheMetrics } from '#platform/cache/index.js';
import { type Clock, systemClock } from '#platform/clock/index.js';
import type { Config } from '#platform/config/index.js';
import { resolveJwtSecret } from '#platform/config/index.js';
import { type DatabaseHandle, migrateUp, openDatabase, pgliteDirFor } from '#platform/db/index.js';
import {
  createEventDispatcher,
  type EventDispatcher,
  eventsPlatform,
} from '#platform/events/index.js';
import { gdprPlugin } from '#platform/gdpr/index.js';
import { frameworkErrorHandler } from '#platform/http/error-handler.js';
import { httpConventions } from '#platform/http/http-plugin.js';
import { loggerOptions } from '#platform/http/logger-options.js';
import { requestIdFrom } from '#platform/http/request-id.js';
import { validatorPerHttpPart } from '#platform/http/validator-compiler.js';
import { webAppPlugin } from '#platform/http/web-app.js';
import { createJobQueueFromConfig, type JobQueue, jobsPlatform } from '#platform/jobs/index.js';
import { limits } from '#platform/limits/limits-plugin.js';
import {
  createLlmClient,
  createLlmMetrics,
  type LlmClient,
  llmPlatform,
} from '#platform/llm/index.js';
import {
  gdprHooks,
  type ModuleManifest,
  mergeEventTypes,
  registerModuleJobs,
  registerModulePlugins,
  usePermissions,
} from '#platform/module-contract/index.js';
import { observability } from '#platform/observability/observability-plugin.js';
import {
  createPlatformRealtime,
  followRevocations,
  publishJobProgress,
  type Realtime,
  realtimeServer,
  registerRealtimeMetrics,
} from '#platform/realtime/index.js';
import { createRedisClients, type RedisClients } from '#platform/redis/index.js';
import { registerBreakerMetrics } from '#platform/resilience/index.js';
import { seedOnStart } from '#platform/seed/index.js';
import { createStorageFromConfig, type Storage } from '#platform/storage/index.js';
import { usersPlugin } from '#platform/users/index.js';
import { LECTERN_VERSION } from '#platform/version.js';
import { webhooksPlatform } from '#platform/webhooks/index.js';

export interface BuildAppOptions {
  config: Config;
  /** An open database to use (tests); otherwise one is opened from the config and closed with the app. */
  database?: DatabaseHandle;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  /** Where services read the time; tests pass a `testClock` and move it. */
  clock?: Clock;
  /** The domain modules to load; every module of `src/modules/index.ts` by default. */
  modules?: readonly ModuleManifest[];
  /** The built dashboard to serve at `/` (tests pass their own); `web/dist` by default. */
  webRoot?: string;
}

export type App = FastifyInstance;

/** Builds the whole service, platform first, then each module. Does not listen. */
export async function buildApp({
  config,
  database,
  logStream,
  clock = systemClock,
  modules = appModules,
  webRoot,
}: BuildAppOptions) {
  // Before anything reads roles or builds a route: a duplicate permission stops the start here.
  usePermissions(modules);
  const eventTypes = mergeEventTypes(modules);
  const ownsDatabase = database === undefined;
  const logger = loggerOptions(config.LOG_LEVEL);
  const db =
    database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      pgliteDir: pgliteDirFor(config.DATA_DIR),
      poolMax: config.DB_POOL_MAX,
      idleTimeoutMs: config.DB_IDLE_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutSeconds: config.DB_CONNECT_TIMEOUT,
    }));
  try {
    if (config.MIGRATE_ON_START) await migrateUp(db.db);
  } catch (err) {
    if (ownsDatabase) await db.close();
    throw err;
  }
  const jwtSecret = resolveJwtSecret(config);

  const app = Fastify({
    logger: logStream ? { ...logger, stream: logStream } : logger,
    genReqId: requestIdFrom,
    frameworkErrors: frameworkErrorHandler,
    // The request id (and user) come from the logger mixin for every line, in or out of Fastify,
    // so a request needs no child logger of its own unless its route sets a level or serializers.
    childLoggerFactory: (logger, _bindings, options) =>
      options.level === undefined && options.serializers === undefined
        ? logger
        : logger.child({}, options),
    // One access-log line per request is written by the HTTP plugin, with its duration.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
    // JSON bodies are not coerced; query strings, path parameters and headers are ('array').
    schemaController: { compilersFactory: { buildValidator: validatorPerHttpPart() } },
    ajv: {
      customOptions: {
        coerceTypes: 'array',
        useDefaults: true,
        removeAdditional: false,
        allErrors: true,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const redis = config.REDIS_URL
    ? createRedisClients(config.REDIS_URL, app.log, {
        commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
        keyPrefix: config.REDIS_KEY_PREFIX,
      })
    : undefined;
  const cache = createCache({
    redis,
    maxEntries: config.CACHE_MAX_ENTRIES,
    defaultTtlSeconds: config.CACHE_DEFAULT_TTL_SECONDS,
    log: app.log,
  });
  if (redis) {
    // Give Redis a moment so the first requests do not find the cache degraded; start anyway.
    app.addHook('onReady', async () => void (await redis.waitUntilReady(2000)));
    app.addHook('onClose', async () => redis.close());
  }
  app.addHook('onClose', async () => cache.close());
  // Revocations reach every process before the revoking response: see platform/auth/revocations.ts.
  const revocations = createRevocations({
    redis,
    database: db,
    timeoutMs: config.AUTH_REVOCATION_TIMEOUT_MS,
    log: app.log,
  });
  app.addHook('onClose', async () => revocations.close());
  const credentials = createCredentialCache({
    revocations,
    ttlSeconds: config.AUTH_CACHE_TTL_SECONDS,
    maxEntries: config.CACHE_MAX_ENTRIES,
  });
  const events = createEventDispatcher({ db: db.db, log: app.log, listen: db.listen });
  const jobs = createJobQueueFromConfig(config, db, app.log);
  // Outbox events and job progress reach WebSocket subscribers of every process.
  const realtime = createPlatformRealtime({ config, database: db, events, redis, log: app.log });
  jobs.onProgress((report) => publishJobProgress(realtime, report));
  const storage = createStorageFromConfig(config, app.log, clock);
  const llmMetrics = createLlmMetrics();
  const llm = createLlmClient({
    config,
    db: db.db,
    cache,
    clock,
    log: app.log,
    metrics: llmMetrics,
  });
  app.decorate('lectern', {
    config,
    database: db,
    jwtSecret,
    version: LECTERN_VERSION,
    clock,
    events,
    redis,
    cache,
    revocations,
    credentials,
    jobs,
    realtime,
    storage,
    llm,
  });
  // Hooks run in reverse order of registration on close: the dispatcher stops before the database closes.
  if (ownsDatabase) app.addHook('onClose', async () => db.close());
  app.addHook('onReady', async () => events.start());
  app.addHook('onClose', async () => events.stop());

  await app.register(httpConventions, { config, version: LECTERN_VERSION });
  // Authentication first: its onRoute guard must see every route registered after it.
  await app.register(authentication);
  await app.register(limits, { config, redis });
  await app.register(observability, {
    config,
    database: db,
    version: LECTERN_VERSION,
    redis,
    cache,
  });
  registerCacheMetrics(app.metrics, cache);
  registerCredentialCacheMetrics(app.metrics, credentials);
  registerBreakerMetrics(app.metrics);
  llmMetrics.registerOn(app.metrics);
  // Identity routes after the limits plugin, whose onRoute hook rate-limits them (login above all).
  await app.register(authPlugin, { prefix: '/api/v1' });
  await app.register(usersPlugin, { prefix: '/api/v1' });
  await app.register(gdprPlugin, {
    prefix: '/api/v1',
    gdpr: gdprHooks(modules),
  });
  await app.register(apiKeysPlugin, { prefix: '/api/v1' });
  await app.register(auditPlugin, { prefix: '/api/v1' });
  await app.register(llmPlatform, { prefix: '/api/v1' });
  // Starts the queue on ready and drains it on close, before the database closes.
  await app.register(jobsPlatform, { config, database: db, jobs, storage });
  await app.register(eventsPlatform, { db: db.db, eventTypes });
  // Webhook secrets are sealed with a key derived from the JWT secret: rotate both together.
  await app.register(webhooksPlatform, {
    config,
    db: db.db,
    jobs,
    events,
    masterSecret: jwtSecret,
  });
  // GET /ws; its preClose hook closes sockets with 1001 before the server stops.
  await realtimeServer(app, realtime, config, app.authenticator.verifyToken);
  followRevocations(realtime, revocations, app.authenticator.principalOfSession, app.log);
  registerRealtimeMetrics(app.metrics, realtime.stats);
  await registerModuleJobs(modules, app.lectern);
  await seedOnStart(db.db, config, app.log, modules, app.lectern);
  // Domain modules after the platform (and after the demo school exists).
  await registerModulePlugins(app, modules);
  // Last: its catch-all for client routes defers to every route above and to their 404s.
  await app.register(webAppPlugin, { root: webRoot });

  return app;
}

export interface LecternContext {
  config: Config;
  database: DatabaseHandle;
  jwtSecret: Uint8Array;
  version: string;
  /** The time as services see it: `systemClock`, or a test's `testClock`. */
  clock: Clock;
  /** The outbox dispatcher: subscribe in-process consumers to domain events here. */
  events: EventDispatcher;
  /** The process's Redis connections when `REDIS_URL` is set: reuse them, don't open more. */
  redis: RedisClients | undefined;
  /** Two-level cache (in-process LRU, Redis when configured) with tag invalidation. */
  cache: Cache;
  /** Ends credentials in every process: publish after a revoking commit, before answering. */
  revocations: Revocations;
  /** Sessions, API keys and users as authentication reads them, dropped by every revocation. */
  credentials: CredentialCache;
  /** The job queue: modules `register` handlers by name and `enqueue` inside their unit of work. */
  jobs: JobQueue;
  /** WebSocket fan-out: `publish` transient events; modules register topics on `topics`. */
  realtime: Realtime;
  /** Uploaded files: bytes in a store under DATA_DIR (or STORAGE_DIR), rows in `stored_files`. */
  storage: Storage;
  /** The LLM (any OpenAI-compatible endpoint), with retries, breaker, cache, budget and usage rows. */
  llm: LlmClient;
}

declare module 'fastify' {
  interface FastifyInstance {
    lectern: LecternContext;
  }
}
