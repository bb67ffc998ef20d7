import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { type Static, Type } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import { users } from '#platform/auth/tables.js';
import { type Database, type Executor, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, type ErrorDetail, notFound } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { decodeStringCursor, pageOf, sendPage } from '#platform/http/pagination.js';
import { type InstructorRow, ttCourseInstructors, ttInstructors } from '../tables.js';
import {
  CodeInput,
  EntityParams,
  ForceQuery,
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

const InstructorSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    name: Nullable(Type.String()),
    userId: Nullable(Type.String({ format: 'uuid' })),
    maxLoad: Nullable(Type.Integer({ description: 'most meetings per week; null: no limit' })),
    unavailable: Type.Array(SlotSchema),
    preferred: Type.Array(SlotSchema),
  },
  { title: 'Instructor' },
);

const fields = {
  code: CodeInput,
  name: NameInput,
  userId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  maxLoad: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000 }))),
  unavailable: Type.Optional(SlotList),
  preferred: Type.Optional(SlotList),
};
const InstructorInput = Type.Object(fields, {
  additionalProperties: false,
  examples: [{ code: 'T-ADA', name: 'Ada', maxLoad: 12, unavailable: [{ day: 0, period: 0 }] }],
});
type InstructorInput = Static<typeof InstructorInput>;
const InstructorPatch = Type.Partial(InstructorInput, { additionalProperties: false });
const UpsertBody = Type.Object(
  { items: Type.Array(InstructorInput, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false, examples: [{ items: [{ code: 'T-ADA', maxLoad: 12 }] }] },
);
const Params = EntityParams('instructorId');

const instructorNotFound = () => notFound('Instructor', 'INSTRUCTOR_NOT_FOUND');

async function toDtos(executor: Executor, rows: InstructorRow[]) {
  const rules = await slotRulesOf(
    executor,
    'instructorId',
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    userId: r.userId,
    maxLoad: r.maxLoad,
    unavailable: rules(r.id, false),
    preferred: rules(r.id, true),
  }));
}

async function findOne(executor: Executor, termId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await executor
    .select()
    .from(ttInstructors)
    .where(and(eq(ttInstructors.id, id), eq(ttInstructors.termId, termId)));
  return row;
}

/** Every problem of some inputs (slots outside the grid, unknown users), at their paths. */
async function checkInputs(
  tx: Executor,
  termId: string,
  inputs: Array<{ path: string; input: Partial<InstructorInput> }>,
) {
  const grid = await termGrid(tx, termId);
  const userIds = [...new Set(inputs.flatMap(({ input }) => (input.userId ? [input.userId] : [])))];
  const known = new Set(
    userIds.length
      ? (await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds))).map(
          (u) => u.id,
        )
      : [],
  );
  const details: ErrorDetail[] = inputs.flatMap(({ path, input }) => [
    ...(input.userId && !known.has(input.userId)
      ? [{ path: `${path}/userId`, message: `no user ${input.userId}` }]
      : []),
    ...slotDetails(grid, input.unavailable, `${path}/unavailable`),
    ...slotDetails(grid, input.preferred, `${path}/preferred`),
  ]);
  refuseDetails('Some instructor fields are not valid for this term', details);
}

async function writeRules(
  tx: Executor,
  termId: string,
  id: string,
  input: Partial<InstructorInput>,
) {
  if (input.unavailable)
    await replaceSlotRules(tx, termId, 'instructorId', id, false, input.unavailable);
  if (input.preferred)
    await replaceSlotRules(tx, termId, 'instructorId', id, true, input.preferred);
}

const codeTaken = (code: string) =>
  conflict(`An instructor "${code}" already exists in this term`, 'INSTRUCTOR_CODE_TAKEN', {
    details: [{ path: '/body/code', message: 'taken' }],
  });

async function refuseTakenCode(tx: Executor, termId: string, code: string, except?: string) {
  const [row] = await tx
    .select({ id: ttInstructors.id })
    .from(ttInstructors)
    .where(and(eq(ttInstructors.termId, termId), eq(ttInstructors.code, code)));
  if (row && row.id !== except) throw codeTaken(code);
}

/** A term's instructors: list, get, create, patch, bulk upsert by `code`, delete. */
export const instructorRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (
  app,
  { db },
) => {
  const one = async (termId: string, id: string) => {
    const row = await findOne(db, termId, id);
    if (!row) throw instructorNotFound();
    return (await toDtos(db, [row]))[0]!;
  };

  app.get(
    '/timetabling/terms/:id/instructors',
    {
      config: read,
      schema: {
        tags,
        summary: "A term's instructors",
        description: 'By code, with their unavailable and preferred slots.',
        params: TermParams,
        querystring: ListQuery,
        response: { 200: PageEnvelope(InstructorSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const { limit, cursor } = request.query;
      await requireTerm(db, termId);
      const after = cursor ? decodeStringCursor(cursor, ['code']).code : undefined;
      const rows = await db
        .select()
        .from(ttInstructors)
        .where(
          and(
            eq(ttInstructors.termId, termId),
            after !== undefined ? gt(ttInstructors.code, after) : undefined,
          ),
        )
        .orderBy(asc(ttInstructors.code))
        .limit(limit + 1);
      const page = pageOf(rows, limit, (r) => ({ code: r.code }));
      return sendPage(request, reply, { ...page, items: await toDtos(db, page.items) }, limit);
    },
  );

  app.get(
    '/timetabling/terms/:id/instructors/:instructorId',
    {
      config: read,
      schema: {
        tags,
        summary: 'An instructor of a term',
        params: Params,
        response: { 200: Envelope(InstructorSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await one(request.params.id, request.params.instructorId)),
  );

  app.post(
    '/timetabling/terms/:id/instructors',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an instructor',
        description:
          'Slots outside the term’s grid and unknown users are refused (400 naming the field); a code already used is 409.',
        params: TermParams,
        body: InstructorInput,
        response: { 201: Envelope(InstructorSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const input = request.body;
      const id = await inTransaction(db, async ({ tx }) => {
        await checkInputs(tx, termId, [{ path: '/body', input }]);
        await refuseTakenCode(tx, termId, input.code);
        const [row] = await tx
          .insert(ttInstructors)
          .values({
            termId,
            code: input.code,
            name: input.name ?? null,
            userId: input.userId ?? null,
            maxLoad: input.maxLoad ?? null,
          })
          .returning({ id: ttInstructors.id });
        await writeRules(tx, termId, row!.id, input);
        await writeAudit(tx, {
          action: 'timetabling.instructor.created',
          resourceType: 'timetabling_instructor',
          resourceId: row!.id,
          details: { termId, code: input.code },
        });
        return row!.id;
      });
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${termId}/instructors/${id}`)
        .send(ok(await one(termId, id)));
    },
  );

  app.patch(
    '/timetabling/terms/:id/instructors/:instructorId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change an instructor',
        description:
          'Only the fields sent change; `unavailable` and `preferred` replace the lists.',
        params: Params,
        body: InstructorPatch,
        response: { 200: Envelope(InstructorSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id: termId, instructorId } = request.params;
      const input = request.body;
      await inTransaction(db, async ({ tx }) => {
        await requireTerm(tx, termId);
        const row = await findOne(tx, termId, instructorId);
        if (!row) throw instructorNotFound();
        await checkInputs(tx, termId, [{ path: '/body', input }]);
        if (input.code !== undefined) await refuseTakenCode(tx, termId, input.code, row.id);
        const changes = {
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.userId !== undefined ? { userId: input.userId } : {}),
          ...(input.maxLoad !== undefined ? { maxLoad: input.maxLoad } : {}),
        };
        await tx
          .update(ttInstructors)
          .set({ ...changes, updatedAt: new Date() })
          .where(eq(ttInstructors.id, row.id));
        await writeRules(tx, termId, row.id, input);
        await writeAudit(tx, {
          action: 'timetabling.instructor.updated',
          resourceType: 'timetabling_instructor',
          resourceId: row.id,
          details: { termId, fields: Object.keys(input) },
        });
      });
      return ok(await one(termId, instructorId));
    },
  );

  app.put(
    '/timetabling/terms/:id/instructors',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create or update instructors in bulk',
        description:
          'Each item is matched by `code`: an existing instructor is updated (the slot lists sent replaced), a new one created. Codes must be unique in the request (400 naming the item). Answers the instructors sent, by code.',
        params: TermParams,
        body: UpsertBody,
        response: {
          200: Envelope(Type.Array(InstructorSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
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
        'Instructor codes repeat',
      );
      await inTransaction(db, async ({ tx }) => {
        await checkInputs(
          tx,
          termId,
          items.map((input, i) => ({ path: `/body/items/${i}`, input })),
        );
        const rows = await tx
          .insert(ttInstructors)
          .values(
            items.map((r) => ({
              termId,
              code: r.code,
              name: r.name ?? null,
              userId: r.userId ?? null,
              maxLoad: r.maxLoad ?? null,
            })),
          )
          .onConflictDoUpdate({
            target: [ttInstructors.termId, ttInstructors.code],
            set: {
              name: sql`excluded.name`,
              userId: sql`excluded.user_id`,
              maxLoad: sql`excluded.max_load`,
              updatedAt: sql`now()`,
            },
          })
          .returning({ id: ttInstructors.id, code: ttInstructors.code });
        const ids = new Map(rows.map((r) => [r.code, r.id]));
        for (const item of items) await writeRules(tx, termId, ids.get(item.code)!, item);
        await writeAudit(tx, {
          action: 'timetabling.instructors.upserted',
          resourceType: 'timetabling_term',
          resourceId: termId,
          details: { codes: items.map((r) => r.code) },
        });
      });
      const rows = await db
        .select()
        .from(ttInstructors)
        .where(
          and(
            eq(ttInstructors.termId, termId),
            inArray(
              ttInstructors.code,
              items.map((r) => r.code),
            ),
          ),
        )
        .orderBy(asc(ttInstructors.code));
      return ok(await toDtos(db, rows));
    },
  );

  app.delete(
    '/timetabling/terms/:id/instructors/:instructorId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete an instructor',
        description:
          'An instructor still teaching courses is 409 `INSTRUCTOR_IN_USE` unless `force=true`, which takes them off those courses.',
        params: Params,
        querystring: ForceQuery,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id: termId, instructorId } = request.params;
      await inTransaction(db, async ({ tx }) => {
        const row = await findOne(tx, termId, instructorId);
        if (!row) throw instructorNotFound();
        const [used] = await tx
          .select({ n: count() })
          .from(ttCourseInstructors)
          .where(eq(ttCourseInstructors.instructorId, row.id));
        if (used!.n > 0 && !request.query.force)
          throw conflict(
            `The instructor teaches ${used!.n} course(s); send force=true to take them off`,
            'INSTRUCTOR_IN_USE',
          );
        await tx.delete(ttInstructors).where(eq(ttInstructors.id, row.id));
        await writeAudit(tx, {
          action: 'timetabling.instructor.deleted',
          resourceType: 'timetabling_instructor',
          resourceId: row.id,
          details: { termId, code: row.code, detachedCourses: used!.n },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
