import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { type Static, Type } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import { type Database, type Executor, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, notFound } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { decodeStringCursor, pageOf, sendPage } from '#platform/http/pagination.js';
import { type CurriculumRow, ttCourses, ttCurricula, ttCurriculumCourses } from '../tables.js';
import {
  CodeInput,
  CodeList,
  EntityParams,
  groupSorted,
  ListQuery,
  manage,
  NameInput,
  Nullable,
  read,
  refuseDetails,
  refuseDuplicates,
  requireTerm,
  TermParams,
  tags,
  unknownCodes,
} from './shared.js';

const CurriculumSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    name: Nullable(Type.String()),
    courses: Type.Array(Type.String(), {
      description: 'codes of the courses its students all take (no two may overlap)',
    }),
  },
  { title: 'Curriculum' },
);

const CurriculumInput = Type.Object(
  { code: CodeInput, name: NameInput, courses: Type.Optional(CodeList) },
  { additionalProperties: false, examples: [{ code: 'Y1-CS', courses: ['MATH101', 'CS101'] }] },
);
type CurriculumInput = Static<typeof CurriculumInput>;
const CurriculumPatch = Type.Partial(CurriculumInput, { additionalProperties: false });
const UpsertBody = Type.Object(
  { items: Type.Array(CurriculumInput, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false, examples: [{ items: [{ code: 'Y1-CS', courses: ['CS101'] }] }] },
);
const Params = EntityParams('curriculumId');

const curriculumNotFound = () => notFound('Curriculum', 'CURRICULUM_NOT_FOUND');

async function toDtos(executor: Executor, rows: CurriculumRow[]) {
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await executor
        .select({ curriculumId: ttCurriculumCourses.curriculumId, code: ttCourses.code })
        .from(ttCurriculumCourses)
        .innerJoin(ttCourses, eq(ttCourses.id, ttCurriculumCourses.courseId))
        .where(inArray(ttCurriculumCourses.curriculumId, ids))
    : [];
  const coursesOf = groupSorted(
    members,
    (m) => m.curriculumId,
    (m) => m.code,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, courses: coursesOf(r.id) }));
}

async function findOne(executor: Executor, termId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await executor
    .select()
    .from(ttCurricula)
    .where(and(eq(ttCurricula.id, id), eq(ttCurricula.termId, termId)));
  return row;
}

/** The term's course ids by code, after refusing unknown codes of the inputs (400 naming them). */
async function checkInputs(
  tx: Executor,
  termId: string,
  inputs: Array<{ path: string; input: Partial<CurriculumInput> }>,
) {
  await requireTerm(tx, termId);
  const rows = await tx
    .select({ id: ttCourses.id, code: ttCourses.code })
    .from(ttCourses)
    .where(eq(ttCourses.termId, termId));
  const courses = new Map(rows.map((r) => [r.code, r.id]));
  refuseDetails(
    'Some curricula name courses this term does not have',
    inputs.flatMap(({ path, input }) =>
      unknownCodes(input.courses, courses, `${path}/courses`, 'course'),
    ),
  );
  return courses;
}

async function writeCourses(
  tx: Executor,
  id: string,
  codes: string[] | undefined,
  courses: Map<string, string>,
) {
  if (!codes) return;
  await tx.delete(ttCurriculumCourses).where(eq(ttCurriculumCourses.curriculumId, id));
  const rows = [...new Set(codes)].map((code) => ({
    curriculumId: id,
    courseId: courses.get(code)!,
  }));
  if (rows.length) await tx.insert(ttCurriculumCourses).values(rows);
}

async function refuseTakenCode(tx: Executor, termId: string, code: string, except?: string) {
  const [row] = await tx
    .select({ id: ttCurricula.id })
    .from(ttCurricula)
    .where(and(eq(ttCurricula.termId, termId), eq(ttCurricula.code, code)));
  if (row && row.id !== except)
    throw conflict(`A curriculum "${code}" already exists in this term`, 'CURRICULUM_CODE_TAKEN', {
      details: [{ path: '/body/code', message: 'taken' }],
    });
}

/** A term's curricula (student groups): list, get, create, patch, bulk upsert by `code`, delete. */
export const curriculumRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (
  app,
  { db },
) => {
  const one = async (termId: string, id: string) => {
    const row = await findOne(db, termId, id);
    if (!row) throw curriculumNotFound();
    return (await toDtos(db, [row]))[0]!;
  };

  app.get(
    '/timetabling/terms/:id/curricula',
    {
      config: read,
      schema: {
        tags,
        summary: "A term's curricula",
        description: 'By code, each with the codes of its courses.',
        params: TermParams,
        querystring: ListQuery,
        response: { 200: PageEnvelope(CurriculumSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const { limit, cursor } = request.query;
      await requireTerm(db, termId);
      const after = cursor ? decodeStringCursor(cursor, ['code']).code : undefined;
      const rows = await db
        .select()
        .from(ttCurricula)
        .where(
          and(
            eq(ttCurricula.termId, termId),
            after !== undefined ? gt(ttCurricula.code, after) : undefined,
          ),
        )
        .orderBy(asc(ttCurricula.code))
        .limit(limit + 1);
      const page = pageOf(rows, limit, (r) => ({ code: r.code }));
      return sendPage(request, reply, { ...page, items: await toDtos(db, page.items) }, limit);
    },
  );

  app.get(
    '/timetabling/terms/:id/curricula/:curriculumId',
    {
      config: read,
      schema: {
        tags,
        summary: 'A curriculum of a term',
        params: Params,
        response: { 200: Envelope(CurriculumSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await one(request.params.id, request.params.curriculumId)),
  );

  app.post(
    '/timetabling/terms/:id/curricula',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a curriculum',
        description:
          'Its courses are named by code and must exist in the term (400 naming the item); a code already used is 409.',
        params: TermParams,
        body: CurriculumInput,
        response: { 201: Envelope(CurriculumSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const input = request.body;
      const id = await inTransaction(db, async ({ tx }) => {
        const courses = await checkInputs(tx, termId, [{ path: '/body', input }]);
        await refuseTakenCode(tx, termId, input.code);
        const [row] = await tx
          .insert(ttCurricula)
          .values({ termId, code: input.code, name: input.name ?? null })
          .returning({ id: ttCurricula.id });
        await writeCourses(tx, row!.id, input.courses, courses);
        await writeAudit(tx, {
          action: 'timetabling.curriculum.created',
          resourceType: 'timetabling_curriculum',
          resourceId: row!.id,
          details: { termId, code: input.code },
        });
        return row!.id;
      });
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${termId}/curricula/${id}`)
        .send(ok(await one(termId, id)));
    },
  );

  app.patch(
    '/timetabling/terms/:id/curricula/:curriculumId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a curriculum',
        description: 'Only the fields sent change; `courses` replaces the list.',
        params: Params,
        body: CurriculumPatch,
        response: { 200: Envelope(CurriculumSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id: termId, curriculumId } = request.params;
      const input = request.body;
      await inTransaction(db, async ({ tx }) => {
        const courses = await checkInputs(tx, termId, []);
        const row = await findOne(tx, termId, curriculumId);
        if (!row) throw curriculumNotFound();
        refuseDetails(
          'The curriculum names courses this term does not have',
          unknownCodes(input.courses, courses, '/body/courses', 'course'),
        );
        if (input.code !== undefined) await refuseTakenCode(tx, termId, input.code, row.id);
        await tx
          .update(ttCurricula)
          .set({
            ...(input.code !== undefined ? { code: input.code } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            updatedAt: new Date(),
          })
          .where(eq(ttCurricula.id, row.id));
        await writeCourses(tx, row.id, input.courses, courses);
        await writeAudit(tx, {
          action: 'timetabling.curriculum.updated',
          resourceType: 'timetabling_curriculum',
          resourceId: row.id,
          details: { termId, fields: Object.keys(input) },
        });
      });
      return ok(await one(termId, curriculumId));
    },
  );

  app.put(
    '/timetabling/terms/:id/curricula',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create or update curricula in bulk',
        description:
          'Each item is matched by `code`: an existing curriculum is updated (its courses replaced when sent), a new one created. Codes must be unique in the request and courses must exist (400 naming the item); nothing is stored unless every item passes. Answers the curricula sent, by code.',
        params: TermParams,
        body: UpsertBody,
        response: {
          200: Envelope(Type.Array(CurriculumSchema)),
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
        'Curriculum codes repeat',
      );
      await inTransaction(db, async ({ tx }) => {
        const courses = await checkInputs(
          tx,
          termId,
          items.map((input, i) => ({ path: `/body/items/${i}`, input })),
        );
        const rows = await tx
          .insert(ttCurricula)
          .values(items.map((q) => ({ termId, code: q.code, name: q.name ?? null })))
          .onConflictDoUpdate({
            target: [ttCurricula.termId, ttCurricula.code],
            set: { name: sql`excluded.name`, updatedAt: sql`now()` },
          })
          .returning({ id: ttCurricula.id, code: ttCurricula.code });
        const ids = new Map(rows.map((r) => [r.code, r.id]));
        for (const item of items)
          await writeCourses(tx, ids.get(item.code)!, item.courses, courses);
        await writeAudit(tx, {
          action: 'timetabling.curricula.upserted',
          resourceType: 'timetabling_term',
          resourceId: termId,
          details: { codes: items.map((q) => q.code) },
        });
      });
      const rows = await db
        .select()
        .from(ttCurricula)
        .where(
          and(
            eq(ttCurricula.termId, termId),
            inArray(
              ttCurricula.code,
              items.map((q) => q.code),
            ),
          ),
        )
        .orderBy(asc(ttCurricula.code));
      return ok(await toDtos(db, rows));
    },
  );

  app.delete(
    '/timetabling/terms/:id/curricula/:curriculumId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a curriculum',
        description: 'Its courses stay; only the group goes.',
        params: Params,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id: termId, curriculumId } = request.params;
      await inTransaction(db, async ({ tx }) => {
        const row = await findOne(tx, termId, curriculumId);
        if (!row) throw curriculumNotFound();
        await tx.delete(ttCurricula).where(eq(ttCurricula.id, row.id));
        await writeAudit(tx, {
          action: 'timetabling.curriculum.deleted',
          resourceType: 'timetabling_curriculum',
          resourceId: row.id,
          details: { termId, code: row.code },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
