import { Type } from 'typebox';
import type { Principal } from '#platform/auth/principal.js';
import { assertVersion } from '#platform/db/index.js';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { ifMatchVersion, sendWithEtag } from '#platform/http/etag.js';
import type { TestApp } from '../helpers/test-app.js';

const Item = Envelope(Type.Object({ id: Type.String(), name: Type.String() }));

/**
 * Small routes that exercise the HTTP conventions. `X-Test-User` stands in for authentication
 * (the real auth hook sets `request.principal` from a token the same way).
 */
export function conventionRoutes(app: TestApp['app']) {
  app.addHook('onRequest', async (request) => {
    const user = request.headers['x-test-user'];
    if (typeof user === 'string')
      request.principal = {
        type: 'user',
        userId: user,
        roles: [],
        permissions: new Set(),
      } satisfies Principal;
  });

  let version = 3;
  app.get(
    '/test/items/:id',
    {
      config: { etag: true },
      schema: { params: Type.Object({ id: Type.String() }), response: { 200: Item } },
    },
    async (request) => ok({ id: request.params.id, name: `item ${request.params.id}` }),
  );
  app.get('/test/versioned', { schema: { response: { 200: Item } } }, async (request, reply) =>
    sendWithEtag(request, reply, ok({ id: 'v', name: `v${version}` }), version),
  );
  app.patch(
    '/test/versioned',
    { schema: { response: { 200: Item, ...errorResponses(400, 412) } } },
    async (request) => {
      const expected = ifMatchVersion(request);
      if (expected) assertVersion('Item', expected, version);
      version += 1;
      return ok({ id: 'v', name: `v${version}` });
    },
  );

  let created = 0;
  let failNext = true;
  let release: (() => void) | null = null;
  app.post(
    '/test/orders',
    {
      schema: {
        body: Type.Object({ item: Type.String(), quantity: Type.Optional(Type.Integer()) }),
        response: { 201: Item, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      created += 1;
      reply.code(201).header('Location', `/test/orders/${created}`);
      return ok({ id: String(created), name: request.body.item });
    },
  );
  app.post(
    '/test/slow',
    { schema: { response: { 201: Item, ...errorResponses(409) } } },
    async (_request, reply) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return reply.code(201).send(ok({ id: 'slow', name: 'done' }));
    },
  );
  let releaseSecret: (() => void) | null = null;
  app.post(
    '/test/secret',
    {
      config: { idempotency: 'no-store' },
      schema: { response: { 201: Item, ...errorResponses(409) } },
    },
    async (_request, reply) => {
      await new Promise<void>((resolve) => {
        releaseSecret = resolve;
      });
      return reply.code(201).send(ok({ id: 'secret', name: `s3cr3t-${Math.random()}` }));
    },
  );
  app.post('/test/flaky', { schema: { response: { 201: Item } } }, async (_request, reply) => {
    if (failNext) {
      failNext = false;
      throw new Error('boom');
    }
    return reply.code(201).send(ok({ id: 'flaky', name: 'ok' }));
  });
  app.post(
    '/test/echo',
    {
      schema: {
        body: Type.Object({ name: Type.String() }),
        response: { 200: Item, ...errorResponses(400, 413, 415) },
      },
    },
    async (request) => ok({ id: 'echo', name: request.body.name }),
  );
  app.get(
    '/test/old',
    {
      config: {
        deprecated: {
          sunset: '2027-01-31T00:00:00Z',
          since: '2026-06-01T00:00:00Z',
          link: 'https://docs.example/migrate',
        },
      },
      schema: { response: { 200: Item } },
    },
    async () => ok({ id: 'old', name: 'old' }),
  );

  return {
    created: () => created,
    releaseSlow: () => release?.(),
    slowStarted: () => release !== null,
    releaseSecret: () => releaseSecret?.(),
    secretStarted: () => releaseSecret !== null,
  };
}
