import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { jwtVerify, SignJWT } from 'jose';
import { inject } from 'vitest';
import { appModules } from '#modules/index.js';
import { permissionsOf, type Role } from '#platform/auth/permissions.js';
import type { Principal } from '#platform/auth/principal.js';
import { loadConfig } from '#platform/config/index.js';
import { type DatabaseHandle, inTransaction, newId } from '#platform/db/index.js';
import {
  createEventDispatcher,
  type DomainEvent,
  type EventDispatcher,
  type NewEvent,
} from '#platform/events/index.js';
import { appendUncheckedEvent as appendEvent } from '#platform/events/outbox.js';
import { usePermissions } from '#platform/module-contract/index.js';
import {
  createPlatformRealtime,
  type Realtime,
  realtimeServer,
  type TokenVerifier,
} from '#platform/realtime/index.js';
import { openScratchPostgres, openTestDatabase } from '../helpers/template-database.js';

// The roles hold the modules' permissions too, as in the app (which installs them at start).
usePermissions(appModules);

/** The servers of one test file share a Redis channel; other files running at once do not. */
const redisKeyPrefix = `lectern-test-${randomUUID().slice(0, 8)}:`;

const SECRET = new TextEncoder().encode('realtime-test-secret-realtime-test-secret');

/** A signed access token carrying `sub` and `roles`, like the auth module's. */
export async function tokenFor(
  userId: string,
  roles: Role[],
  expiresInSeconds = 600,
): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(SECRET);
}

/** Stands in for the auth module's verifier: checks the signature, maps roles to permissions. */
export const verifyTestToken: TokenVerifier = async (token) => {
  const { payload } = await jwtVerify(token, SECRET);
  const roles = (payload.roles as Role[]) ?? [];
  const principal: Principal = {
    type: 'user',
    userId: payload.sub!,
    roles,
    permissions: permissionsOf(roles),
  };
  return principal;
};

/** The engine the run targets: PGlite copy by default, scratch PostgreSQL under services. */
export function openDatabaseForTest(): Promise<DatabaseHandle> {
  const url = process.env.LECTERN_TEST_SERVICES === '1' ? process.env.DATABASE_URL : undefined;
  return url ? openScratchPostgres(url) : openTestDatabase(inject('pgliteTemplateDir'));
}

export interface RealtimeServer {
  app: FastifyInstance;
  realtime: Realtime;
  events: EventDispatcher;
  database: DatabaseHandle;
  wsUrl: string;
  /** Closes the app (not the database, which the test owns). */
  close(): Promise<void>;
}

export interface StartOptions {
  database: DatabaseHandle;
  env?: Record<string, string>;
  /** Redis URL for the bus; LISTEN/NOTIFY when absent. */
  redisUrl?: string;
  /** Run the outbox dispatcher in this instance (false: only other processes dispatch). */
  dispatch?: boolean;
}

/** The realtime part of the app, wired exactly as `buildApp` wires it, on a loopback port. */
export async function startRealtimeServer({
  database,
  env = {},
  redisUrl,
  dispatch = true,
}: StartOptions): Promise<RealtimeServer> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp', ...env });
  const app = Fastify({ logger: false });
  const events = createEventDispatcher({
    db: database.db,
    log: app.log,
    listen: database.listen,
    pollIntervalMs: 100,
  });
  const redis = redisUrl
    ? { command: new Redis(redisUrl), subscriber: new Redis(redisUrl), keyPrefix: redisKeyPrefix }
    : null;
  const realtime = createPlatformRealtime({ config, database, events, redis, log: app.log });
  await realtimeServer(app, realtime, config, verifyTestToken);
  if (dispatch) {
    app.addHook('onReady', () => events.start());
    app.addHook('onClose', () => events.stop());
  }
  if (redis)
    app.addHook('onClose', async () => {
      await Promise.all([redis.command.quit(), redis.subscriber.quit()]);
    });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    app,
    realtime,
    events,
    database,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    close: () => app.close(),
  };
}

export const userCreated = (subjectId = newId(), data: Record<string, unknown> = {}): NewEvent => ({
  type: 'user.created',
  subjectType: 'user',
  subjectId,
  actorId: null,
  data: { email: `${subjectId}@example.org`, ...data },
});

/** Appends events in one unit of work, as a service would, and returns them. */
export function commitEvents(
  database: DatabaseHandle,
  ...events: NewEvent[]
): Promise<DomainEvent[]> {
  return inTransaction(database.db, async ({ tx }) => {
    const out: DomainEvent[] = [];
    for (const e of events) out.push(await appendEvent(tx, e));
    return out;
  });
}
