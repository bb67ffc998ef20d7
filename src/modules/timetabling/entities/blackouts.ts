import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Static, Type } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import { type Database, type Executor, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, type ErrorDetail, notFound } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { decodeStringCursor, pageOf, sendPage } from '#platform/http/pagination.js';
import { ttBlackouts } from '../tables.js';
import {
  dateProblem,
  EntityParams,
  IsoDate,
  ListQuery,
  manage,
  Nullable,
  read,
  refuseDetails,
  refuseDuplicates,
  requireTerm,
  type TermGrid,
  TermParams,
  tags,
  termGrid,
} from './shared.js';

const BlackoutSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    date: Type.String({ format: 'date' }),
    period: Nullable(Type.Integer({ description: 'null: the whole day (a holiday)' })),
    reason: Nullable(Type.String()),
  },
  { title: 'Blackout' },
);

const BlackoutInput = Type.Object(
  {
    date: IsoDate,
    period: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 47 }))),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false, examples: [{ date: '2026-11-11', reason: 'Armistice Day' }] },
);
type BlackoutInput = Static<typeof BlackoutInput>;
const BlackoutPatch = Type.Partial(BlackoutInput, { additionalProperties: false });
const UpsertBody = Type.Object(
  { items: Type.Array(BlackoutInput, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false, examples: [{ items: [{ date: '2026-11-11', period: null }] }] },
);
const Params = EntityParams('blackoutId');
type BlackoutRow = typeof ttBlackouts.$inferSelect;

const blackoutNotFound = () => notFound('Blackout', 'BLACKOUT_NOT_FOUND');
const keyOf = (b: { date: string; period?: number | null }) =>
  b.period === null || b.period === undefined ? b.date : `${b.date} period ${b.period}`;
const toDto = (r: BlackoutRow) => ({ id: r.id, date: r.date, period: r.period, reason: r.reason });

function details(grid: TermGrid, input: Partial<BlackoutInput>, path: string): ErrorDetail[] {
  const dateIssue = input.date === undefined ? null : dateProblem(grid, input.date);
  const period = input.period;
  return [
    ...(dateIssue ? [{ path: `${path}/date`, message: dateIssue }] : []),
    ...(period !== null && period !== undefined && period >= grid.periods
      ? [
          {
            path: `${path}/period`,
            message: `period ${period} is outside the grid (0..${grid.periods - 1})`,
          },
        ]
      : []),
  ];
}

/** The blackout of a term at this date and period (null: the whole day), if any. */
async function findAt(tx: Executor, termId: string, date: string, period: number | null) {
  const [row] = await tx
    .select()
    .from(ttBlackouts)
    .where(
      and(
        eq(ttBlackouts.termId, termId),
        eq(ttBlackouts.date, date),
        sql`${ttBlackouts.period} IS NOT DISTINCT FROM ${period}::smallint`,
      ),
    );
  return row;
}

async function findOne(executor: Executor, termId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await executor
    .select()
    .from(ttBlackouts)
    .where(and(eq(ttBlackouts.id, id), eq(ttBlackouts.termId, termId)));
  return row;
}

const taken = (b: { date: string; period?: number | null }) =>
  conflict(`${keyOf(b)} is already blacked out`, 'BLACKOUT_EXISTS', {
    details: [{ path: '/body/date', message: 'already blacked out' }],
  });

const order = [
  asc(ttBlackouts.date),
  asc(sql`coalesce(${ttBlackouts.period}, -1)`),
  asc(ttBlackouts.id),
];

/**
 * A dated term's closed dates (`period` null) and closed periods: list, get, create, patch,
 * bulk upsert by date and period, delete. Weekly grids have no dates: their closed slots are
 * the rooms', instructors' and courses' unavailable slots.
 */
export const blackoutRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/timetabling/terms/:id/blackouts',
    {
      config: read,
      schema: {
        tags,
        summary: "A term's blackouts",
        description: 'By date, whole days first.',
        params: TermParams,
        querystring: ListQuery,
        response: { 200: PageEnvelope(BlackoutSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const { limit, cursor } = request.query;
      await requireTerm(db, termId);
      const after = cursor ? decodeStringCursor(cursor, ['date', 'period', 'id']) : undefined;
      const rows = await db
        .select()
        .from(ttBlackouts)
        .where(
          and(
            eq(ttBlackouts.termId, termId),
            after
              ? sql`(${ttBlackouts.date}, coalesce(${ttBlackouts.period}, -1), ${ttBlackouts.id}) > (${after.date}::date, ${Number(after.period)}, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(...order)
        .limit(limit + 1);
      const page = pageOf(rows, limit, (r) => ({
        date: r.date,
        period: String(r.period ?? -1),
        id: r.id,
      }));
      return sendPage(request, reply, { ...page, items: page.items.map(toDto) }, limit);
    },
  );

  app.get(
    '/timetabling/terms/:id/blackouts/:blackoutId',
    {
      config: read,
      schema: {
        tags,
        summary: 'A blackout of a term',
        params: Params,
        response: { 200: Envelope(BlackoutSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await findOne(db, request.params.id, request.params.blackoutId);
      if (!row) throw blackoutNotFound();
      return ok(toDto(row));
    },
  );

  app.post(
    '/timetabling/terms/:id/blackouts',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Close a date or a period',
        description:
          'The date must be a teaching day of the (dated) term and the period in its grid (400 naming the field); the same date and period twice is 409.',
        params: TermParams,
        body: BlackoutInput,
        response: { 201: Envelope(BlackoutSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const input = request.body;
      const row = await inTransaction(db, async ({ tx }) => {
        refuseDetails(
          'The blackout is outside the term',
          details(await termGrid(tx, termId), input, '/body'),
        );
        if (await findAt(tx, termId, input.date, input.period ?? null)) throw taken(input);
        const [created] = await tx
          .insert(ttBlackouts)
          .values({
            termId,
            date: input.date,
            period: input.period ?? null,
            reason: input.reason ?? null,
          })
          .returning();
        await writeAudit(tx, {
          action: 'timetabling.blackout.created',
          resourceType: 'timetabling_blackout',
          resourceId: created!.id,
          details: { termId, date: input.date, period: input.period ?? null },
        });
        return created!;
      });
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${termId}/blackouts/${row.id}`)
        .send(ok(toDto(row)));
    },
  );

  app.patch(
    '/timetabling/terms/:id/blackouts/:blackoutId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a blackout',
        params: Params,
        body: BlackoutPatch,
        response: { 200: Envelope(BlackoutSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id: termId, blackoutId } = request.params;
      const input = request.body;
      const row = await inTransaction(db, async ({ tx }) => {
        const grid = await termGrid(tx, termId);
        const row = await findOne(tx, termId, blackoutId);
        if (!row) throw blackoutNotFound();
        refuseDetails('The blackout is outside the term', details(grid, input, '/body'));
        const next = {
          date: input.date ?? row.date,
          period: input.period !== undefined ? input.period : row.period,
        };
        const other = await findAt(tx, termId, next.date, next.period);
        if (other && other.id !== row.id) throw taken(next);
        const [updated] = await tx
          .update(ttBlackouts)
          .set({ ...next, ...(input.reason !== undefined ? { reason: input.reason } : {}) })
          .where(eq(ttBlackouts.id, row.id))
          .returning();
        await writeAudit(tx, {
          action: 'timetabling.blackout.updated',
          resourceType: 'timetabling_blackout',
          resourceId: row.id,
          details: { termId, fields: Object.keys(input) },
        });
        return updated!;
      });
      return ok(toDto(row));
    },
  );

  app.put(
    '/timetabling/terms/:id/blackouts',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create or update blackouts in bulk',
        description:
          'Blackouts have no code: each item is matched by `date` and `period` (null: the whole day); an existing one gets the item’s `reason`, a new one is created. The same date and period twice in the request is 400 naming the item; nothing is stored unless every item passes. Answers the blackouts sent.',
        params: TermParams,
        body: UpsertBody,
        response: {
          200: Envelope(Type.Array(BlackoutSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const termId = request.params.id;
      const { items } = request.body;
      refuseDuplicates(
        items,
        keyOf,
        (i) => `/body/items/${i}/date`,
        'blackout',
        'Blackouts repeat',
      );
      const ids = await inTransaction(db, async ({ tx }) => {
        const grid = await termGrid(tx, termId);
        refuseDetails(
          'Some blackouts are outside the term',
          items.flatMap((b, i) => details(grid, b, `/body/items/${i}`)),
        );
        const existing = await tx
          .select()
          .from(ttBlackouts)
          .where(
            and(
              eq(ttBlackouts.termId, termId),
              inArray(
                ttBlackouts.date,
                items.map((b) => b.date),
              ),
            ),
          );
        const byKey = new Map(existing.map((r) => [keyOf(r), r]));
        const ids: string[] = [];
        const fresh = items.filter((b) => !byKey.has(keyOf(b)));
        for (const b of items) {
          const found = byKey.get(keyOf(b));
          if (!found) continue;
          ids.push(found.id);
          if (b.reason !== undefined)
            await tx
              .update(ttBlackouts)
              .set({ reason: b.reason })
              .where(eq(ttBlackouts.id, found.id));
        }
        if (fresh.length) {
          const created = await tx
            .insert(ttBlackouts)
            .values(
              fresh.map((b) => ({
                termId,
                date: b.date,
                period: b.period ?? null,
                reason: b.reason ?? null,
              })),
            )
            .returning({ id: ttBlackouts.id });
          ids.push(...created.map((c) => c.id));
        }
        await writeAudit(tx, {
          action: 'timetabling.blackouts.upserted',
          resourceType: 'timetabling_term',
          resourceId: termId,
          details: { blackouts: items.map(keyOf), created: fresh.length },
        });
        return ids;
      });
      const rows = await db
        .select()
        .from(ttBlackouts)
        .where(inArray(ttBlackouts.id, ids))
        .orderBy(...order);
      return ok(rows.map(toDto));
    },
  );

  app.delete(
    '/timetabling/terms/:id/blackouts/:blackoutId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Reopen a blackout',
        params: Params,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id: termId, blackoutId } = request.params;
      await inTransaction(db, async ({ tx }) => {
        const row = await findOne(tx, termId, blackoutId);
        if (!row) throw blackoutNotFound();
        await tx.delete(ttBlackouts).where(eq(ttBlackouts.id, row.id));
        await writeAudit(tx, {
          action: 'timetabling.blackout.deleted',
          resourceType: 'timetabling_blackout',
          resourceId: row.id,
          details: { termId, date: row.date, period: row.period },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
