import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { and, asc, desc, eq, gt, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '#platform/clock/index.js';
import { type Database, type Executor, inTransaction } from '#platform/db/index.js';
import { conflict } from '#platform/errors/index.js';
import { appendEvent } from '#platform/events/index.js';
import { ifiOf, type Json } from './agents.js';
import { refsOf } from './statement-refs.js';
import { summarize } from './summary.js';
import { xapiActivities, xapiStatementRefs, xapiStatements } from './tables.js';
import { VOIDED_VERB } from './validate-statement.js';
import { isObject } from './values.js';
import { invalid } from './xapi-error.js';

export interface Writer {
  userId: string;
  apiKeyId: string | null;
  authority: Json;
}

/** Properties the LRS sets: a re-sent statement is the same if all else matches. */
const LRS_SET = ['stored', 'authority', 'version'];

function sameStatement(sent: Json, stored: Json): boolean {
  const strip = (s: Json, keepTimestamp: boolean) =>
    Object.fromEntries(
      Object.entries(s).filter(
        ([k]) => !LRS_SET.includes(k) && (keepTimestamp || k !== 'timestamp'),
      ),
    );
  return isDeepStrictEqual(strip(sent, 'timestamp' in sent), strip(stored, 'timestamp' in sent));
}

/**
 * Stores statements (all or none): ids assigned, `stored`/`authority`/`version` set, voiding
 * applied, activities' definitions kept, and `xapi.statements.stored`/`.voided` in the outbox
 * with them. A statement id already stored with the same statement is skipped; with another, 409.
 */
export async function storeStatements(
  db: Database,
  clock: Clock,
  writer: Writer,
  sent: Json[],
): Promise<string[]> {
  const ids = sent.map((s) => (typeof s.id === 'string' ? s.id.toLowerCase() : randomUUID()));
  if (new Set(ids).size !== ids.length) throw invalid('id', 'is repeated within the batch');
  return inTransaction(db, async ({ tx }) => {
    const existing = await tx
      .select({ id: xapiStatements.id, statement: xapiStatements.statement })
      .from(xapiStatements)
      .where(inArray(xapiStatements.id, ids));
    const known = new Map(existing.map((r) => [r.id, r.statement]));
    const now = clock.now();
    const stored = now.toISOString();
    const fresh: Json[] = [];
    sent.forEach((s, i) => {
      const id = ids[i]!;
      const prior = known.get(id);
      if (prior) {
        if (!sameStatement({ ...s, id }, prior))
          throw conflict(
            `Statement ${id} is already stored with different content`,
            'XAPI_STATEMENT_CONFLICT',
          );
        return;
      }
      fresh.push({
        ...s,
        id,
        timestamp: typeof s.timestamp === 'string' ? s.timestamp : stored,
        stored,
        authority: writer.authority,
        version: typeof s.version === 'string' ? s.version : '2.0.0',
      });
    });
    const voidTargets = await checkVoiding(tx, fresh);
    for (const statement of fresh) {
      const object = statement.object as Json;
      const objectType = (object.objectType as string | undefined) ?? 'Activity';
      const context = isObject(statement.context) ? statement.context : {};
      await tx.insert(xapiStatements).values({
        id: statement.id as string,
        actorIfi: ifiOf(statement.actor as Json),
        verbId: (statement.verb as Json).id as string,
        objectType,
        objectId:
          objectType === 'Agent' || objectType === 'Group'
            ? ifiOf(object)
            : objectType === 'SubStatement'
              ? null
              : (object.id as string),
        registration: typeof context.registration === 'string' ? context.registration : null,
        statement,
        timestamp: new Date(statement.timestamp as string),
        stored: now,
        voidsId:
          (statement.verb as Json).id === VOIDED_VERB ? (object.id as string).toLowerCase() : null,
        authority: writer.authority,
        apiKeyId: writer.apiKeyId,
        ownerId: writer.userId,
      });
      const refs = refsOf(statement);
      if (refs.length)
        await tx
          .insert(xapiStatementRefs)
          .values(refs.map((r) => ({ statementId: statement.id as string, ...r })));
      await keepActivities(tx, statement);
    }
    if (voidTargets.length) {
      await tx
        .update(xapiStatements)
        .set({ voided: true })
        .where(inArray(xapiStatements.id, voidTargets));
      await appendEvent(tx, {
        type: 'xapi.statements.voided',
        subjectType: 'xapi_statement',
        subjectId: voidTargets[0]!,
        actorId: writer.userId,
        data: { ids: voidTargets },
      });
    }
    if (fresh.length)
      await appendEvent(tx, {
        type: 'xapi.statements.stored',
        subjectType: 'xapi_statement',
        subjectId: fresh[0]!.id as string,
        actorId: writer.userId,
        data: { statements: fresh.map(summarize) },
      });
    return ids;
  });
}

/** The stored statements that `fresh` voids; refuses to void a voiding statement. */
async function checkVoiding(tx: Executor, fresh: Json[]): Promise<string[]> {
  const targets = fresh
    .filter((s) => (s.verb as Json).id === VOIDED_VERB)
    .map((s) => ((s.object as Json).id as string).toLowerCase());
  if (!targets.length) return [];
  const batchVoiding = new Set(
    fresh.filter((s) => (s.verb as Json).id === VOIDED_VERB).map((s) => s.id),
  );
  const found = await tx
    .select({ id: xapiStatements.id, verbId: xapiStatements.verbId })
    .from(xapiStatements)
    .where(inArray(xapiStatements.id, targets));
  for (const t of targets)
    if (batchVoiding.has(t) || found.some((f) => f.id === t && f.verbId === VOIDED_VERB))
      throw invalid('object.id', `statement ${t} is a voiding statement, which cannot be voided`);
  return found.map((f) => f.id);
}

async function keepActivities(tx: Executor, statement: Json): Promise<void> {
  const activities: Json[] = [];
  const collect = (s: Json) => {
    const object = s.object as Json;
    if ((object.objectType ?? 'Activity') === 'Activity') activities.push(object);
    if (object.objectType === 'SubStatement') collect(object);
    const context = isObject(s.context) ? s.context : {};
    if (isObject(context.contextActivities))
      for (const list of Object.values(context.contextActivities))
        for (const a of [list].flat()) if (isObject(a)) activities.push(a);
  };
  collect(statement);
  for (const a of activities) {
    const definition = isObject(a.definition) ? a.definition : null;
    await tx
      .insert(xapiActivities)
      .values({ id: a.id as string, definition })
      .onConflictDoUpdate({
        target: xapiActivities.id,
        set: {
          definition: sql`coalesce(${xapiActivities.definition}, '{}'::jsonb) || coalesce(excluded.definition, '{}'::jsonb)`,
        },
      });
  }
}

/** One statement by id: not voided (`voided` false) or only voided (`voided` true). */
export async function findStatement(
  db: Executor,
  id: string,
  voided: boolean,
): Promise<Json | undefined> {
  const [row] = await db
    .select({ statement: xapiStatements.statement })
    .from(xapiStatements)
    .where(and(eq(xapiStatements.id, id.toLowerCase()), eq(xapiStatements.voided, voided)));
  return row?.statement;
}

export interface StatementQuery {
  agent?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedActivities: boolean;
  relatedAgents: boolean;
  since?: string;
  until?: string;
  limit: number;
  ascending: boolean;
  /** The `seq` of the last statement of the previous page. */
  after?: number;
}

const refMatch = (kind: 'agent' | 'activity', value: string, related: boolean): SQL =>
  sql`exists (select 1 from ${xapiStatementRefs} r where r.statement_id = ${xapiStatements.id} and r.kind = ${kind} and r.ref = ${value}${related ? sql`` : sql` and r.direct`})`;

/** A page of non-voided statements matching the query, by `stored` order; `seq` of each for paging. */
export async function queryStatements(db: Executor, q: StatementQuery) {
  const where: SQL[] = [eq(xapiStatements.voided, false)];
  if (q.verb) where.push(eq(xapiStatements.verbId, q.verb));
  if (q.registration) where.push(eq(xapiStatements.registration, q.registration.toLowerCase()));
  if (q.agent) where.push(refMatch('agent', q.agent, q.relatedAgents));
  if (q.activity) where.push(refMatch('activity', q.activity, q.relatedActivities));
  if (q.since) where.push(gt(xapiStatements.stored, new Date(q.since)));
  if (q.until) where.push(lte(xapiStatements.stored, new Date(q.until)));
  if (q.after !== undefined)
    where.push(q.ascending ? gt(xapiStatements.seq, q.after) : lt(xapiStatements.seq, q.after));
  return db
    .select({ seq: xapiStatements.seq, statement: xapiStatements.statement })
    .from(xapiStatements)
    .where(and(...where))
    .orderBy(q.ascending ? asc(xapiStatements.seq) : desc(xapiStatements.seq))
    .limit(q.limit + 1);
}
