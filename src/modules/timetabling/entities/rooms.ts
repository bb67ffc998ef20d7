import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import { type Database, type Executor, inTransaction, isUuid } from '#platform/db/index.js';
import { notFound } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { ttRoomFeatures, ttRooms } from '../tables.js';
import { refuseDuplicates, requireTerm, TermParams, tags } from './shared.js';

const RoomSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    capacity: Type.Integer(),
    building: Type.Union([Type.String(), Type.Null()]),
    features: Type.Array(Type.String()),
  },
  { title: 'Room' },
);

const RoomInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 100 }),
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    capacity: Type.Integer({ minimum: 0, maximum: 100_000 }),
    building: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    features: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
    ),
  },
  { additionalProperties: false },
);

const UpsertRoomsBody = Type.Object(
  { items: Type.Array(RoomInput, { minItems: 1, maxItems: 1000 }) },
  {
    additionalProperties: false,
    examples: [
      { items: [{ code: 'B-101', capacity: 60, building: 'B', features: ['projector'] }] },
    ],
  },
);

async function listRooms(executor: Executor, termId: string) {
  const rooms = await executor
    .select()
    .from(ttRooms)
    .where(eq(ttRooms.termId, termId))
    .orderBy(asc(ttRooms.code));
  const features = rooms.length
    ? await executor
        .select()
        .from(ttRoomFeatures)
        .where(
          inArray(
            ttRoomFeatures.roomId,
            rooms.map((r) => r.id),
          ),
        )
    : [];
  return rooms.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    capacity: r.capacity,
    building: r.building,
    features: features
      .filter((f) => f.roomId === r.id)
      .map((f) => f.feature)
      .sort(),
  }));
}

/** A term's rooms: list, bulk upsert by `code`, delete. */
export const roomRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/timetabling/terms/:id/rooms',
    {
      config: { permission: 'timetables:read' },
      schema: {
        tags,
        summary: "A term's rooms",
        params: TermParams,
        response: { 200: Envelope(Type.Array(RoomSchema)), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await requireTerm(db, request.params.id);
      return ok(await listRooms(db, request.params.id));
    },
  );

  app.put(
    '/timetabling/terms/:id/rooms',
    {
      config: { permission: 'timetables:manage' },
      schema: {
        tags,
        summary: 'Create or update rooms in bulk',
        description:
          'Each item is matched by `code`: an existing room is updated (its features replaced), a new one created. Codes must be unique in the request (400 naming the item). Answers every room of the term.',
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
        await requireTerm(tx, termId);
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
        const withFeatures = items.filter((r) => r.features !== undefined);
        if (withFeatures.length) {
          await tx.delete(ttRoomFeatures).where(
            inArray(
              ttRoomFeatures.roomId,
              withFeatures.map((r) => ids.get(r.code)!),
            ),
          );
          const features = withFeatures.flatMap((r) =>
            [...new Set(r.features)].map((feature) => ({ roomId: ids.get(r.code)!, feature })),
          );
          if (features.length) await tx.insert(ttRoomFeatures).values(features);
        }
        await writeAudit(tx, {
          action: 'timetabling.rooms.upserted',
          resourceType: 'timetabling_term',
          resourceId: termId,
          details: { codes: items.map((r) => r.code) },
        });
      });
      return ok(await listRooms(db, termId));
    },
  );

  app.delete(
    '/timetabling/terms/:id/rooms/:roomId',
    {
      config: { permission: 'timetables:manage' },
      schema: {
        tags,
        summary: 'Delete a room',
        description: "Its meetings in the term's schedules become unplaced.",
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          roomId: Type.String({ format: 'uuid' }),
        }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, roomId } = request.params;
      if (!isUuid(roomId)) throw notFound('Room', 'ROOM_NOT_FOUND');
      await inTransaction(db, async ({ tx }) => {
        const deleted = await tx
          .delete(ttRooms)
          .where(and(eq(ttRooms.id, roomId), eq(ttRooms.termId, id)))
          .returning({ id: ttRooms.id, code: ttRooms.code });
        if (!deleted.length) throw notFound('Room', 'ROOM_NOT_FOUND');
        await writeAudit(tx, {
          action: 'timetabling.room.deleted',
          resourceType: 'timetabling_room',
          resourceId: roomId,
          details: { termId: id, code: deleted[0]!.code },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
