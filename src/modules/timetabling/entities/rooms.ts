import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { type Static, Type } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import { type Database, type Executor, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, notFound } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { decodeStringCursor, pageOf, sendPage } from '#platform/http/pagination.js';
import { type RoomRow, ttAssignments, ttRoomFeatures, ttRooms } from '../tables.js';
import {
  CodeInput,
  EntityParams,
  ForceQuery,
  groupSorted,
  ListQuery,
  manage,
  NameInput,
  Nullable,
  read,
  refuseDetails,
  refuseDuplicates,
  replaceSlotRules,
  requireTerm,
  SlotList,
  SlotSchema,
  slotDetails,
  slotRulesOf,
  TermParams,
  tags,
  termGrid,
} from './shared.js';

const RoomSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    name: Nullable(Type.String()),
    capacity: Type.Integer({ description: 'seats' }),
    building: Nullable(Type.String()),
    features: Type.Array(Type.String(), { description: 'what it offers (projector, sinks, …)' }),
    unavailable: Type.Array(SlotSchema, { description: 'slots no meeting may use it' }),
  },
  { title: 'Room' },
);

const RoomInput = Type.Object(
  {
    code: CodeInput,
    name: NameInput,
    capacity: Type.Integer({ minimum: 0, maximum: 100_000 }),
    building: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    features: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), { maxItems: 50 }),
    ),
    unavailable: Type.Optional(SlotList),
  },
  {
    additionalProperties: false,
    examples: [{ code: 'B-101', capacity: 60, building: 'B', features: ['projector'] }],
  },
);
type RoomInput = Static<typeof RoomInput>;
const RoomPatch = Type.Partial(RoomInput, { additionalProperties: false });

const UpsertRoomsBody = Type.Object(
  { items: Type.Array(RoomInput, { minItems: 1, maxItems: 1000 }) },
  {
    additionalProperties: false,
    examples: [
      { items: [{ code: 'B-101', capacity: 60, building: 'B', features: ['projector'] }] },
    ],
  },
);
const Params = EntityParams('roomId');

const roomNotFound = () => notFound('Room', 'ROOM_NOT_FOUND');

async function toDtos(executor: Executor, rows: RoomRow[]) {
  const ids = rows.map((r) => r.id);
  const [features, rules] = await Promise.all([
    ids.length
      ? executor.select().from(ttRoomFeatures).where(inArray(ttRoomFeatures.roomId, ids))
      : [],
    slotRulesOf(executor, 'roomId', ids),
  ]);
  const featuresOf = groupSorted(
    features,
    (f) => f.roomId,
    (f) => f.feature,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    capacity: r.capacity,
    building: r.building,
    features: featuresOf(r.id),
    unavailable: rules(r.id, false),
  }));
}

async function findOne(executor: Executor, termId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await executor
    .select()
    .from(ttRooms)
    .where(and(eq(ttRooms.id, id), eq(ttRooms.termId, termId)));
  return row;
}

/** Refuses slots outside the term's grid (400 naming each); 404 when the term is missing. */
async function checkInputs(
  tx: Executor,
  termId: string,
  inputs: Array<{ path: string; input: Partial<RoomInput> }>,
) {
  const grid = await termGrid(tx, termId);
  refuseDetails(
    'Some room fields are not valid for this term',
    inputs.flatMap(({ path, input }) =>
      slotDetails(grid, input.unavailable, `${path}/unavailable`),
    ),
  );
}

/** Replaces the relations an input names (features, unavailable slots). */
async function writeRelations(tx: Executor, termId: string, id: string, input: Partial<RoomInput>) {
  if (input.features) {
    await tx.delete(ttRoomFeatures).where(eq(ttRoomFeatures.roomId, id));
    const rows = [...new Set(input.features)].map((feature) => ({ roomId: id, feature }));
    if (rows.length) await tx.insert(ttRoomFeatures).values(rows);
  }
  if (input.unavailable) await replaceSlotRules(tx, termId, 'roomId', id, false, input.unavailable);
}

async function refuseTakenCode(tx: Executor, termId: string, code: string, except?: string) {
  const [row] = await tx
    .select({ id: ttRooms.id })
    .from(ttRooms)
    .where(and(eq(ttRooms.termId, termId), eq(ttRooms.code, code)));
  if (row && row.id !== except)
    throw conflict(`A room "${code}" already exists in this term`, 'ROOM_CODE_TAKEN', {
      details: [{ path: '/body/code', message: 'taken' }],
    });
}

/** A term's rooms: list, get, create, patch, bulk upsert by `code`, delete. */
export const roomRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  const one = async (termId: string, id: string) => {
    const row = await findOne(db, termId, id);
    if (!row) throw roomNotFound();
    return (await toDtos(db, [row]))[0]!;
  };

  app.get(
    '/timetabling/terms/:id/rooms',
    {
      config: read,
      schema: {
        tags,
        summary: "A term's rooms",
        description: 'By code, a page at a time (follow `next` for more).',
        params: TermParams,
        querystring: ListQuery,
        response: { 200: PageEnvelope(RoomSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const { limit, cursor } = request.query;
      await requireTerm(db, termId);
      const after = cursor ? decodeStringCursor(cursor, ['code']).code : undefined;
      const rows = await db
        .select()
        .from(ttRooms)
        .where(
          and(
            eq(ttRooms.termId, termId),
            after !== undefined ? gt(ttRooms.code, after) : undefined,
          ),
        )
        .orderBy(asc(ttRooms.code))
        .limit(limit + 1);
      const page = pageOf(rows, limit, (r) => ({ code: r.code }));
      return sendPage(request, reply, { ...page, items: await toDtos(db, page.items) }, limit);
    },
  );

  app.get(
    '/timetabling/terms/:id/rooms/:roomId',
    {
      config: read,
      schema: {
        tags,
        summary: 'A room of a term',
        params: Params,
        response: { 200: Envelope(RoomSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await one(request.params.id, request.params.roomId)),
  );

  app.post(
    '/timetabling/terms/:id/rooms',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a room',
        description:
          'Unavailable slots must lie in the term’s grid (400 naming the item); a code already used is 409.',
        params: TermParams,
        body: RoomInput,
        response: { 201: Envelope(RoomSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const input = request.body;
      const id = await inTransaction(db, async ({ tx }) => {
        await checkInputs(tx, termId, [{ path: '/body', input }]);
        await refuseTakenCode(tx, termId, input.code);
        const [row] = await tx
          .insert(ttRooms)
          .values({
            termId,
            code: input.code,
            name: input.name ?? null,
            capacity: input.capacity,
            building: input.building ?? null,
          })
          .returning({ id: ttRooms.id });
        await writeRelations(tx, termId, row!.id, input);
        await writeAudit(tx, {
          action: 'timetabling.room.created',
          resourceType: 'timetabling_room',
          resourceId: row!.id,
          details: { termId, code: input.code },
        });
        return row!.id;
      });
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${termId}/rooms/${id}`)
        .send(ok(await one(termId, id)));
    },
  );

  app.patch(
    '/timetabling/terms/:id/rooms/:roomId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a room',
        description: 'Only the fields sent change; `features` and `unavailable` replace the lists.',
        params: Params,
        body: RoomPatch,
        response: { 200: Envelope(RoomSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id: termId, roomId } = request.params;
      const input = request.body;
      await inTransaction(db, async ({ tx }) => {
        await requireTerm(tx, termId);
        const row = await findOne(tx, termId, roomId);
        if (!row) throw roomNotFound();
        await checkInputs(tx, termId, [{ path: '/body', input }]);
        if (input.code !== undefined) await refuseTakenCode(tx, termId, input.code, row.id);
        await tx
          .update(ttRooms)
          .set({
            ...(input.code !== undefined ? { code: input.code } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
            ...(input.building !== undefined ? { building: input.building } : {}),
            updatedAt: new Date(),
          })
          .where(eq(ttRooms.id, row.id));
        await writeRelations(tx, termId, row.id, input);
        await writeAudit(tx, {
          action: 'timetabling.room.updated',
          resourceType: 'timetabling_room',
          resourceId: row.id,
          details: { termId, fields: Object.keys(input) },
        });
      });
      return ok(await one(termId, roomId));
    },
  );

  app.put(
    '/timetabling/terms/:id/rooms',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create or update rooms in bulk',
        description:
          'Each item is matched by `code`: an existing room is updated (its features and unavailable slots replaced when sent), a new one created. Codes must be unique in the request and slots inside the grid (400 naming the item); nothing is stored unless every item passes. Answers every room of the term.',
        params: TermParams,
        body: UpsertRoomsBody,
        response: { 200: Envelope(Type.Array(RoomSchema)), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const termId = request.params.id;
      const { items } = request.body;
      refuseDuplicates(
        items,
        (r) => r.code,
        (i) => `/body/items/${i}/code`,
        'code',
        'Room codes repeat',
      );
      await inTransaction(db, async ({ tx }) => {
        await checkInputs(
          tx,
          termId,
          items.map((input, i) => ({ path: `/body/items/${i}`, input })),
        );
        const rows = await tx
          .insert(ttRooms)
          .values(
            items.map((r) => ({
              termId,
              code: r.code,
              name: r.name ?? null,
              capacity: r.capacity,
              building: r.building ?? null,
            })),
          )
          .onConflictDoUpdate({
            target: [ttRooms.termId, ttRooms.code],
            set: {
              name: sql`excluded.name`,
              capacity: sql`excluded.capacity`,
              building: sql`excluded.building`,
              updatedAt: sql`now()`,
            },
          })
          .returning({ id: ttRooms.id, code: ttRooms.code });
        const ids = new Map(rows.map((r) => [r.code, r.id]));
        for (const item of items) await writeRelations(tx, termId, ids.get(item.code)!, item);
        await writeAudit(tx, {
          action: 'timetabling.rooms.upserted',
          resourceType: 'timetabling_term',
          resourceId: termId,
          details: { codes: items.map((r) => r.code) },
        });
      });
      const rows = await db
        .select()
        .from(ttRooms)
        .where(eq(ttRooms.termId, termId))
        .orderBy(asc(ttRooms.code));
      return ok(await toDtos(db, rows));
    },
  );

  app.delete(
    '/timetabling/terms/:id/rooms/:roomId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a room',
        description:
          'A room with meetings in schedules is 409 `ROOM_IN_USE` unless `force=true`, which deletes it anyway: those meetings lose their room (re-solve to place them again).',
        params: Params,
        querystring: ForceQuery,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id: termId, roomId } = request.params;
      await inTransaction(db, async ({ tx }) => {
        const row = await findOne(tx, termId, roomId);
        if (!row) throw roomNotFound();
        const [meetings] = await tx
          .select({ n: count() })
          .from(ttAssignments)
          .where(eq(ttAssignments.roomId, row.id));
        if (meetings!.n > 0 && !request.query.force)
          throw conflict(
            `The room has ${meetings!.n} scheduled meeting(s); send force=true to delete it anyway`,
            'ROOM_IN_USE',
          );
        await tx.delete(ttRooms).where(eq(ttRooms.id, row.id));
        await writeAudit(tx, {
          action: 'timetabling.room.deleted',
          resourceType: 'timetabling_room',
          resourceId: row.id,
          details: { termId, code: row.code, meetings: meetings!.n },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
