import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '#platform/clock/index.js';
import type { Database } from '#platform/db/index.js';
import { notFound } from '#platform/errors/index.js';
import { agentParam, type Json } from './agents.js';
import { formatStatement, type StatementFormat } from './statement-format.js';
import {
  findStatement,
  queryStatements,
  storeStatements,
  type Writer,
} from './statements-store.js';
import { validateStatement } from './validate-statement.js';
import { isIri, isObject, isTimestamp, isUuid } from './values.js';
import { invalid } from './xapi-error.js';

const QUERY_PARAMS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'statementId',
  'voidedStatementId',
  'more',
];
const MAX_LIMIT = 500;

/** The request body as JSON (bodies arrive as bytes in /xapi). */
export function jsonBody(request: FastifyRequest): unknown {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw invalid('body', 'a JSON body is required');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid('body', 'is not valid JSON');
  }
}

const bool = (q: Record<string, string | undefined>, name: string): boolean => {
  const v = q[name];
  if (v === undefined) return false;
  if (v !== 'true' && v !== 'false') throw invalid(name, 'must be true or false');
  return v === 'true';
};

/** The LRS's authority: the API key that wrote, as an account on this Lectern. */
export function writerOf(request: FastifyRequest): Writer {
  const p = request.principal!;
  const homePage = `${request.protocol}://${request.host}/api/v1/api-keys`;
  return {
    userId: p.userId,
    apiKeyId: p.apiKeyId ?? null,
    authority: { objectType: 'Agent', account: { homePage, name: p.apiKeyId ?? p.userId } },
  };
}

export function registerStatementRoutes(
  app: FastifyInstance,
  deps: { db: Database; clock: Clock },
) {
  const { db, clock } = deps;
  const write = { xapiScopes: ['xapi:write'] } as const;
  const read = { xapiScopes: ['xapi:read'] } as const;

  app.put('/statements', { config: write }, async (request, reply) => {
    const { statementId } = request.query as Record<string, string | undefined>;
    if (!isUuid(statementId)) throw invalid('statementId', 'is required and must be a UUID');
    const statement = jsonBody(request);
    validateStatement(statement);
    if (
      statement.id !== undefined &&
      String(statement.id).toLowerCase() !== statementId.toLowerCase()
    )
      throw invalid('id', 'differs from the statementId parameter');
    await storeStatements(db, clock, writerOf(request), [{ ...statement, id: statementId }]);
    reply.header('X-Experience-API-Consistent-Through', clock.now().toISOString());
    return reply.status(204).send();
  });

  app.post('/statements', { config: write }, async (request, reply) => {
    const body = jsonBody(request);
    const list = Array.isArray(body) ? body : [body];
    if (list.length === 0) throw invalid('body', 'must hold at least one statement');
    for (const [i, s] of list.entries()) validateStatement(s, Array.isArray(body) ? `[${i}]` : '');
    const ids = await storeStatements(db, clock, writerOf(request), list as Json[]);
    reply.header('X-Experience-API-Consistent-Through', clock.now().toISOString());
    return ids;
  });

  app.get('/statements', { config: read }, async (request, reply) => {
    const raw = request.query as Record<string, string | undefined>;
    for (const key of Object.keys(raw))
      if (!QUERY_PARAMS.includes(key)) throw invalid(key, 'is not a statements query parameter');
    const q = raw.more ? decodeMore(raw.more) : raw;
    const format = (q.format ?? 'exact') as StatementFormat;
    if (!['exact', 'ids', 'canonical'].includes(format))
      throw invalid('format', 'must be exact, ids or canonical');
    if (bool(q, 'attachments'))
      throw invalid('attachments', 'this LRS returns no attachment bytes: leave it false');
    const language = request.headers['accept-language'];
    reply.header('X-Experience-API-Consistent-Through', clock.now().toISOString());
    const single = q.statementId ?? q.voidedStatementId;
    if (single !== undefined) {
      const name = q.statementId !== undefined ? 'statementId' : 'voidedStatementId';
      if (q.statementId !== undefined && q.voidedStatementId !== undefined)
        throw invalid(name, 'cannot be sent with voidedStatementId');
      if (!isUuid(single)) throw invalid(name, 'must be a UUID');
      for (const key of Object.keys(q))
        if (!['statementId', 'voidedStatementId', 'format', 'attachments'].includes(key))
          throw invalid(key, `cannot be combined with ${name}`);
      const statement = await findStatement(db, single, name === 'voidedStatementId');
      if (!statement) throw notFound('Statement', 'XAPI_STATEMENT_NOT_FOUND');
      reply.header('Last-Modified', new Date(statement.stored as string).toUTCString());
      return formatStatement(statement, format, language);
    }
    const agent = q.agent === undefined ? undefined : agentParam(q.agent).ifi;
    if (q.verb !== undefined && !isIri(q.verb)) throw invalid('verb', 'must be an IRI');
    if (q.activity !== undefined && !isIri(q.activity)) throw invalid('activity', 'must be an IRI');
    if (q.registration !== undefined && !isUuid(q.registration))
      throw invalid('registration', 'must be a UUID');
    for (const t of ['since', 'until'] as const)
      if (q[t] !== undefined && !isTimestamp(q[t]))
        throw invalid(t, 'must be an ISO 8601 date-time');
    const limit = q.limit === undefined ? MAX_LIMIT : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 0)
      throw invalid('limit', 'must be a non-negative integer');
    const pageSize = limit === 0 ? MAX_LIMIT : Math.min(limit, MAX_LIMIT);
    const ascending = bool(q, 'ascending');
    const rows = await queryStatements(db, {
      agent,
      verb: q.verb,
      activity: q.activity,
      registration: q.registration,
      relatedActivities: bool(q, 'related_activities'),
      relatedAgents: bool(q, 'related_agents'),
      since: q.since,
      until: q.until,
      limit: pageSize,
      ascending,
      after: q.after === undefined ? undefined : Number(q.after),
    });
    const page = rows.slice(0, pageSize);
    const more =
      rows.length > pageSize
        ? `/xapi/statements?more=${encodeMore({ ...q, after: String(page.at(-1)!.seq) })}`
        : '';
    return { statements: page.map((r) => formatStatement(r.statement, format, language)), more };
  });
}

/** `more` is an opaque token of the query and the last position served. */
function encodeMore(q: Record<string, string | undefined>): string {
  const { more: _more, ...rest } = q;
  return Buffer.from(JSON.stringify(rest)).toString('base64url');
}

function decodeMore(token: string): Record<string, string | undefined> {
  try {
    const q = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isObject(q) && Object.values(q).every((v) => typeof v === 'string'))
      return q as Record<string, string>;
  } catch {}
  throw invalid('more', 'is not a more token this LRS issued');
}
