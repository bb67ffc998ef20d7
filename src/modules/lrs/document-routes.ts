import { createHash } from 'node:crypto';
import { and, eq, gt, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '#platform/clock/index.js';
import type { Database } from '#platform/db/index.js';
import { conflict, notFound, preconditionFailed } from '#platform/errors/index.js';
import { agentParam } from './agents.js';
import { xapiActivityProfiles, xapiAgentProfiles, xapiStateDocuments } from './tables.js';
import { isIri, isObject, isTimestamp, isUuid } from './values.js';
import { invalid } from './xapi-error.js';

type Table = typeof xapiStateDocuments | typeof xapiActivityProfiles | typeof xapiAgentProfiles;
type Query = Record<string, string | undefined>;

interface DocumentResource {
  path: string;
  table: Table;
  /** The columns that place a document, read from the query (without its id). */
  scope(q: Query): Record<string, string>;
  idParam: 'stateId' | 'profileId';
  /** Profiles refuse a PUT over an existing document without If-Match/If-None-Match (409). */
  requireConditionalPut: boolean;
}

const activityIdOf = (q: Query) => {
  if (!isIri(q.activityId)) throw invalid('activityId', 'is required and must be an IRI');
  return q.activityId;
};

const RESOURCES: DocumentResource[] = [
  {
    path: '/activities/state',
    table: xapiStateDocuments,
    idParam: 'stateId',
    requireConditionalPut: false,
    scope: (q) => {
      if (q.registration !== undefined && !isUuid(q.registration))
        throw invalid('registration', 'must be a UUID');
      return {
        activityId: activityIdOf(q),
        agentIfi: agentParam(q.agent).ifi,
        registration: q.registration?.toLowerCase() ?? '',
      };
    },
  },
  {
    path: '/activities/profile',
    table: xapiActivityProfiles,
    idParam: 'profileId',
    requireConditionalPut: true,
    scope: (q) => ({ activityId: activityIdOf(q) }),
  },
  {
    path: '/agents/profile',
    table: xapiAgentProfiles,
    idParam: 'profileId',
    requireConditionalPut: true,
    scope: (q) => ({ agentIfi: agentParam(q.agent).ifi }),
  },
];

const etagOf = (body: Buffer) => `"${createHash('sha1').update(body).digest('hex')}"`;
const isJson = (contentType: string | undefined) => /^application\/json\b/i.test(contentType ?? '');

function whereOf(table: Table, values: Record<string, string>): SQL {
  const columns = table as unknown as Record<string, Parameters<typeof eq>[0]>;
  return and(...Object.entries(values).map(([k, v]) => eq(columns[k]!, v)))!;
}

/** If-Match / If-None-Match against the current document's ETag (412 when they fail). */
function checkPreconditions(request: FastifyRequest, current: { etag: string } | undefined) {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  if (typeof ifMatch === 'string') {
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (!current || !(tags.includes('*') || tags.includes(current.etag)))
      throw preconditionFailed('If-Match does not match the document', 'XAPI_PRECONDITION_FAILED');
  }
  if (typeof ifNoneMatch === 'string' && current) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim());
    if (tags.includes('*') || tags.includes(current.etag))
      throw preconditionFailed('If-None-Match: the document exists', 'XAPI_PRECONDITION_FAILED');
  }
}

export function registerDocumentRoutes(
  app: FastifyInstance,
  { db, clock }: { db: Database; clock: Clock },
) {
  const read = { xapiScopes: ['xapi:read', 'xapi:write'] } as const;
  const write = { xapiScopes: ['xapi:write'] } as const;

  for (const resource of RESOURCES) {
    const { table, idParam } = resource;
    const find = async (key: Record<string, string>) => {
      const [row] = await db.select().from(table).where(whereOf(table, key));
      return row;
    };
    const keyOf = (q: Query, required: boolean) => {
      const scope = resource.scope(q);
      const id = q[idParam];
      if (id === undefined) {
        if (required) throw invalid(idParam, 'is required');
        return { scope, key: undefined };
      }
      return { scope, key: { ...scope, [idParam]: id } };
    };

    app.get(resource.path, { config: read }, async (request, reply) => {
      const q = request.query as Query;
      const { scope, key } = keyOf(q, false);
      if (key) {
        const doc = await find(key);
        if (!doc) throw notFound('Document', 'XAPI_DOCUMENT_NOT_FOUND');
        return reply
          .header('ETag', doc.etag)
          .header('Last-Modified', doc.updated.toUTCString())
          .type(doc.contentType)
          .send(doc.body);
      }
      if (q.since !== undefined && !isTimestamp(q.since))
        throw invalid('since', 'must be an ISO 8601 date-time');
      const columns = table as unknown as Record<string, Parameters<typeof eq>[0]>;
      const conditions = [whereOf(table, scope)];
      if (q.since) conditions.push(gt(table.updated, new Date(q.since)));
      const rows = await db
        .select({ id: columns[idParam] as typeof xapiStateDocuments.stateId })
        .from(table)
        .where(and(...conditions));
      return rows.map((r) => r.id);
    });

    const save = (merge: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
      const q = request.query as Query;
      const { key } = keyOf(q, true);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const contentType = request.headers['content-type'] ?? 'application/octet-stream';
      const current = await find(key!);
      checkPreconditions(request, current);
      if (
        !merge &&
        resource.requireConditionalPut &&
        current &&
        request.headers['if-match'] === undefined &&
        request.headers['if-none-match'] === undefined
      )
        throw conflict(
          'The document exists: send If-Match (its ETag) or If-None-Match',
          'XAPI_CONCURRENCY_REQUIRED',
        );
      let stored = body;
      let storedType = contentType;
      if (merge) {
        const parse = (bytes: Buffer, where: string) => {
          try {
            const value = JSON.parse(bytes.toString('utf8'));
            if (isObject(value)) return value;
          } catch {}
          throw invalid(where, 'must be a JSON object to merge');
        };
        const incoming = parse(body, 'body');
        if (!isJson(contentType))
          throw invalid('content-type', 'POST merges JSON: send application/json');
        if (current) {
          if (!isJson(current.contentType))
            throw invalid('body', 'the stored document is not JSON and cannot be merged');
          stored = Buffer.from(JSON.stringify({ ...parse(current.body, 'document'), ...incoming }));
        }
        storedType = 'application/json';
      }
      const values = {
        contentType: storedType,
        body: stored,
        etag: etagOf(stored),
        updated: clock.now(),
      };
      if (current) await db.update(table).set(values).where(eq(table.id, current.id));
      else
        await db
          .insert(table)
          .values({ ...key!, ...values } as typeof xapiAgentProfiles.$inferInsert);
      return reply.header('ETag', values.etag).status(204).send();
    };
    app.put(resource.path, { config: write }, save(false));
    app.post(resource.path, { config: write }, save(true));

    app.delete(resource.path, { config: write }, async (request, reply) => {
      const q = request.query as Query;
      const { scope, key } = keyOf(q, resource.idParam !== 'stateId');
      if (key) {
        const current = await find(key);
        checkPreconditions(request, current);
        if (current) await db.delete(table).where(eq(table.id, current.id));
      } else await db.delete(table).where(whereOf(table, scope));
      return reply.status(204).send();
    });
  }
}
