import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '#platform/db/index.js';
import { agentParam } from './agents.js';
import { xapiActivities, xapiStatements } from './tables.js';
import { isIri } from './values.js';
import { invalid } from './xapi-error.js';
import { XAPI_VERSION } from './xapi-http.js';

/** About (public), Activities and Agents. */
export function registerResourceRoutes(app: FastifyInstance, { db }: { db: Database }) {
  const anyScope = { xapiScopes: ['xapi:read', 'xapi:write'] } as const;

  app.get('/about', async () => ({
    version: [XAPI_VERSION, '1.0.3'],
    extensions: {},
  }));

  app.get('/activities', { config: anyScope }, async (request) => {
    const { activityId } = request.query as Record<string, string | undefined>;
    if (!isIri(activityId)) throw invalid('activityId', 'is required and must be an IRI');
    const [row] = await db.select().from(xapiActivities).where(eq(xapiActivities.id, activityId));
    return {
      objectType: 'Activity',
      id: activityId,
      ...(row?.definition ? { definition: row.definition } : {}),
    };
  });

  app.get('/agents', { config: anyScope }, async (request) => {
    const { agent, ifi } = agentParam((request.query as Record<string, unknown>).agent);
    // Names this agent went by in stored statements.
    const rows = await db
      .selectDistinct({ name: sql<string | null>`${xapiStatements.statement}->'actor'->>'name'` })
      .from(xapiStatements)
      .where(eq(xapiStatements.actorIfi, ifi))
      .limit(20);
    const names = new Set<string>(rows.flatMap((r) => (r.name ? [r.name] : [])));
    if (typeof agent.name === 'string') names.add(agent.name);
    const person: Record<string, unknown> = { objectType: 'Person' };
    if (names.size) person.name = [...names];
    for (const k of ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const)
      if (agent[k] !== undefined) person[k] = [agent[k]];
    return person;
  });
}
