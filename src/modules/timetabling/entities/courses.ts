import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { type Static, Type } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import { type Database, type Executor, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, type ErrorDetail, notFound } from '#platform/errors/index.js';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { decodeStringCursor, pageOf, sendPage } from '#platform/http/pagination.js';
import {
  type CourseRow,
  ttAssignments,
  ttCourseFeatures,
  ttCourseInstructors,
  ttCourses,
  ttCurricula,
  ttCurriculumCourses,
  ttInstructors,
} from '../tables.js';
import {
  CodeInput,
  CodeList,
  EntityParams,
  ForceQuery,
  groupSorted,
  IsoDate,
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
  type TermGrid,
  TermParams,
  tags,
  termGrid,
  unknownCodes,
} from './shared.js';

const CourseSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    name: Nullable(Type.String()),
    meetings: Type.Integer({ description: 'meetings to place per week (or term)' }),
    duration: Type.Integer({ description: 'periods each meeting lasts' }),
    students: Type.Integer({ description: 'expected enrolment' }),
    minDays: Type.Integer({ description: 'fewest distinct days its meetings spread over' }),
    maxPerDay: Nullable(Type.Integer()),
    minGapDays: Nullable(Type.Integer()),
    windowFrom: Nullable(Type.String({ format: 'date' })),
    windowTo: Nullable(Type.String({ format: 'date' })),
    catalogCourseId: Nullable(Type.String({ format: 'uuid' })),
    features: Type.Array(Type.String(), { description: 'room features it needs' }),
    instructors: Type.Array(Type.String(), { description: 'instructor codes' }),
    curricula: Type.Array(Type.String(), { description: 'curriculum codes' }),
    unavailable: Type.Array(SlotSchema),
  },
  { title: 'Course' },
);

const CourseInput = Type.Object(
  {
    code: CodeInput,
    name: NameInput,
    meetings: Type.Integer({ minimum: 1, maximum: 1000 }),
    duration: Type.Optional(Type.Integer({ minimum: 1, maximum: 48 })),
    students: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    minDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    maxPerDay: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 48 }))),
    minGapDays: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 366 }))),
    windowFrom: Type.Optional(Nullable(IsoDate)),
    windowTo: Type.Optional(Nullable(IsoDate)),
    catalogCourseId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    features: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
    ),
    instructors: Type.Optional(CodeList),
    curricula: Type.Optional(CodeList),
    unavailable: Type.Optional(SlotList),
  },
  {
    additionalProperties: false,
    examples: [{ code: 'MATH101', meetings: 3, students: 120, instructors: ['T-ADA'], minDays: 2 }],
  },
);
type CourseInput = Static<typeof CourseInput>;
const CoursePatch = Type.Partial(CourseInput, { additionalProperties: false });
const UpsertBody = Type.Object(
  { items: Type.Array(CourseInput, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false, examples: [{ items: [{ code: 'MATH101', meetings: 3 }] }] },
);
const Params = EntityParams('courseId');

const courseNotFound = () => notFound('Course', 'COURSE_NOT_FOUND');

async function toDtos(executor: Executor, rows: CourseRow[]) {
  const ids = rows.map((r) => r.id);
  const [teaching, features, members, rules] = await Promise.all([
    ids.length
      ? executor
          .select({ courseId: ttCourseInstructors.courseId, code: ttInstructors.code })
          .from(ttCourseInstructors)
          .innerJoin(ttInstructors, eq(ttInstructors.id, ttCourseInstructors.instructorId))
          .where(inArray(ttCourseInstructors.courseId, ids))
      : [],
    ids.length
      ? executor.select().from(ttCourseFeatures).where(inArray(ttCourseFeatures.courseId, ids))
      : [],
    ids.length
      ? executor
          .select({ courseId: ttCurriculumCourses.courseId, code: ttCurricula.code })
          .from(ttCurriculumCourses)
          .innerJoin(ttCurricula, eq(ttCurricula.id, ttCurriculumCourses.curriculumId))
          .where(inArray(ttCurriculumCourses.courseId, ids))
      : [],
    slotRulesOf(executor, 'courseId', ids),
  ]);
  const instructorsOf = groupSorted(
    teaching,
    (t) => t.courseId,
    (t) => t.code,
  );
  const featuresOf = groupSorted(
    features,
    (f) => f.courseId,
    (f) => f.feature,
  );
  const curriculaOf = groupSorted(
    members,
    (m) => m.courseId,
    (m) => m.code,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    meetings: r.meetings,
    duration: r.duration,
    students: r.students,
    minDays: r.minDays,
    maxPerDay: r.maxPerDay,
    minGapDays: r.minGapDays,
    windowFrom: r.windowFrom,
    windowTo: r.windowTo,
    catalogCourseId: r.catalogCourseId,
    features: featuresOf(r.id),
    instructors: instructorsOf(r.id),
    curricula: curriculaOf(r.id),
    unavailable: rules(r.id, false),
  }));
}

async function findOne(executor: Executor, termId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await executor
    .select()
    .from(ttCourses)
    .where(and(eq(ttCourses.id, id), eq(ttCourses.termId, termId)));
  return row;
}

async function codeMap(
  tx: Executor,
  table: typeof ttInstructors | typeof ttCurricula,
  termId: string,
) {
  const rows = await tx
    .select({ id: table.id, code: table.code })
    .from(table)
    .where(eq(table.termId, termId));
  return new Map(rows.map((r) => [r.code, r.id]));
}

const windowDetails = (
  grid: TermGrid,
  input: Partial<CourseInput>,
  current: CourseRow | undefined,
  path: string,
): ErrorDetail[] => {
  const details: ErrorDetail[] = [];
  for (const key of ['windowFrom', 'windowTo'] as const) {
    const date = input[key];
    if (!date) continue;
    if (grid.kind !== 'dated')
      details.push({ path: `${path}/${key}`, message: 'a weekly term has no dates' });
    else if (date < grid.startDate! || date > grid.endDate!)
      details.push({
        path: `${path}/${key}`,
        message: `${date} is outside the term (${grid.startDate}..${grid.endDate})`,
      });
  }
  const from = input.windowFrom !== undefined ? input.windowFrom : (current?.windowFrom ?? null);
  const to = input.windowTo !== undefined ? input.windowTo : (current?.windowTo ?? null);
  if (from && to && from > to)
    details.push({ path: `${path}/windowTo`, message: `${to} is before windowFrom ${from}` });
  return details;
};

interface Resolved {
  instructors: Map<string, string>;
  curricula: Map<string, string>;
}

/** Every problem of some inputs at their paths (unknown codes, slots or windows off the grid). */
async function checkInputs(
  tx: Executor,
  termId: string,
  inputs: Array<{ path: string; input: Partial<CourseInput>; current?: CourseRow }>,
): Promise<Resolved> {
  const grid = await termGrid(tx, termId);
  const [instructors, curricula] = await Promise.all([
    codeMap(tx, ttInstructors, termId),
    codeMap(tx, ttCurricula, termId),
  ]);
  const details = inputs.flatMap(({ path, input, current }) => [
    ...(input.duration !== undefined && input.duration > grid.periods
      ? [
          {
            path: `${path}/duration`,
            message: `longer than a day of the grid (${grid.periods} periods)`,
          },
        ]
      : []),
    ...unknownCodes(input.instructors, instructors, `${path}/instructors`, 'instructor'),
    ...unknownCodes(input.curricula, curricula, `${path}/curricula`, 'curriculum'),
    ...slotDetails(grid, input.unavailable, `${path}/unavailable`),
    ...windowDetails(grid, input, current, path),
  ]);
  refuseDetails('Some course fields are not valid for this term', details);
  return { instructors, curricula };
}

/** Replaces the relations an input names (instructors, features, curricula, unavailable). */
async function writeRelations(
  tx: Executor,
  termId: string,
  id: string,
  input: Partial<CourseInput>,
  resolved: Resolved,
) {
  if (input.instructors) {
    await tx.delete(ttCourseInstructors).where(eq(ttCourseInstructors.courseId, id));
    const rows = [...new Set(input.instructors)].map((code) => ({
      courseId: id,
      instructorId: resolved.instructors.get(code)!,
    }));
    if (rows.length) await tx.insert(ttCourseInstructors).values(rows);
  }
  if (input.features) {
    await tx.delete(ttCourseFeatures).where(eq(ttCourseFeatures.courseId, id));
    const rows = [...new Set(input.features)].map((feature) => ({ courseId: id, feature }));
    if (rows.length) await tx.insert(ttCourseFeatures).values(rows);
  }
  if (input.curricula) {
    await tx.delete(ttCurriculumCourses).where(eq(ttCurriculumCourses.courseId, id));
    const rows = [...new Set(input.curricula)].map((code) => ({
      courseId: id,
      curriculumId: resolved.curricula.get(code)!,
    }));
    if (rows.length) await tx.insert(ttCurriculumCourses).values(rows);
  }
  if (input.unavailable)
    await replaceSlotRules(tx, termId, 'courseId', id, false, input.unavailable);
}

const columnsOf = (termId: string, c: CourseInput) => ({
  termId,
  code: c.code,
  name: c.name ?? null,
  meetings: c.meetings,
  duration: c.duration ?? 1,
  students: c.students ?? 0,
  minDays: c.minDays ?? 1,
  maxPerDay: c.maxPerDay ?? null,
  minGapDays: c.minGapDays ?? null,
  windowFrom: c.windowFrom ?? null,
  windowTo: c.windowTo ?? null,
  catalogCourseId: c.catalogCourseId ?? null,
});

async function refuseTakenCode(tx: Executor, termId: string, code: string, except?: string) {
  const [row] = await tx
    .select({ id: ttCourses.id })
    .from(ttCourses)
    .where(and(eq(ttCourses.termId, termId), eq(ttCourses.code, code)));
  if (row && row.id !== except)
    throw conflict(`A course "${code}" already exists in this term`, 'COURSE_CODE_TAKEN', {
      details: [{ path: '/body/code', message: 'taken' }],
    });
}

/** A term's courses: list, get, create, patch, bulk upsert by `code`, delete. */
export const courseRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  const one = async (termId: string, id: string) => {
    const row = await findOne(db, termId, id);
    if (!row) throw courseNotFound();
    return (await toDtos(db, [row]))[0]!;
  };

  app.get(
    '/timetabling/terms/:id/courses',
    {
      config: read,
      schema: {
        tags,
        summary: "A term's courses",
        description: 'By code, with their instructors, curricula, features and unavailable slots.',
        params: TermParams,
        querystring: ListQuery,
        response: { 200: PageEnvelope(CourseSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const { limit, cursor } = request.query;
      await requireTerm(db, termId);
      const after = cursor ? decodeStringCursor(cursor, ['code']).code : undefined;
      const rows = await db
        .select()
        .from(ttCourses)
        .where(
          and(
            eq(ttCourses.termId, termId),
            after !== undefined ? gt(ttCourses.code, after) : undefined,
          ),
        )
        .orderBy(asc(ttCourses.code))
        .limit(limit + 1);
      const page = pageOf(rows, limit, (r) => ({ code: r.code }));
      return sendPage(request, reply, { ...page, items: await toDtos(db, page.items) }, limit);
    },
  );

  app.get(
    '/timetabling/terms/:id/courses/:courseId',
    {
      config: read,
      schema: {
        tags,
        summary: 'A course of a term',
        params: Params,
        response: { 200: Envelope(CourseSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await one(request.params.id, request.params.courseId)),
  );

  app.post(
    '/timetabling/terms/:id/courses',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a course',
        description:
          'Instructors and curricula are named by code and must exist in the term; slots and window dates must lie in its grid (400 naming the field). A code already used is 409.',
        params: TermParams,
        body: CourseInput,
        response: { 201: Envelope(CourseSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const termId = request.params.id;
      const input = request.body;
      const id = await inTransaction(db, async ({ tx }) => {
        const resolved = await checkInputs(tx, termId, [{ path: '/body', input }]);
        await refuseTakenCode(tx, termId, input.code);
        const [row] = await tx
          .insert(ttCourses)
          .values(columnsOf(termId, input))
          .returning({ id: ttCourses.id });
        await writeRelations(tx, termId, row!.id, input, resolved);
        await writeAudit(tx, {
          action: 'timetabling.course.created',
          resourceType: 'timetabling_course',
          resourceId: row!.id,
          details: { termId, code: input.code },
        });
        return row!.id;
      });
      return reply
        .status(201)
        .header('Location', `/api/v1/timetabling/terms/${termId}/courses/${id}`)
        .send(ok(await one(termId, id)));
    },
  );

  app.patch(
    '/timetabling/terms/:id/courses/:courseId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a course',
        description:
          'Only the fields sent change; `instructors`, `curricula`, `features` and `unavailable` replace the lists.',
        params: Params,
        body: CoursePatch,
        response: { 200: Envelope(CourseSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id: termId, courseId } = request.params;
      const input = request.body;
      await inTransaction(db, async ({ tx }) => {
        await requireTerm(tx, termId);
        const row = await findOne(tx, termId, courseId);
        if (!row) throw courseNotFound();
        const resolved = await checkInputs(tx, termId, [{ path: '/body', input, current: row }]);
        if (input.code !== undefined) await refuseTakenCode(tx, termId, input.code, row.id);
        const { features, instructors, curricula, unavailable, ...columns } = input;
        await tx
          .update(ttCourses)
          .set({ ...columns, updatedAt: new Date() })
          .where(eq(ttCourses.id, row.id));
        await writeRelations(tx, termId, row.id, input, resolved);
        await writeAudit(tx, {
          action: 'timetabling.course.updated',
          resourceType: 'timetabling_course',
          resourceId: row.id,
          details: { termId, fields: Object.keys(input) },
        });
      });
      return ok(await one(termId, courseId));
    },
  );

  app.put(
    '/timetabling/terms/:id/courses',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create or update courses in bulk',
        description:
          'Each item is matched by `code`: an existing course is updated (the lists sent replaced), a new one created. Codes must be unique in the request (400 naming the item); every item is checked as `POST` does and nothing is stored unless all pass. Answers the courses sent, by code.',
        params: TermParams,
        body: UpsertBody,
        response: {
          200: Envelope(Type.Array(CourseSchema)),
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
        'Course codes repeat',
      );
      await inTransaction(db, async ({ tx }) => {
        const existing = await tx
          .select()
          .from(ttCourses)
          .where(
            and(
              eq(ttCourses.termId, termId),
              inArray(
                ttCourses.code,
                items.map((c) => c.code),
              ),
            ),
          );
        const current = new Map(existing.map((r) => [r.code, r]));
        const resolved = await checkInputs(
          tx,
          termId,
          items.map((input, i) => ({
            path: `/body/items/${i}`,
            // An item replaces the course's columns, so its window is checked alone.
            input: { windowFrom: null, windowTo: null, ...input },
            current: current.get(input.code),
          })),
        );
        const rows = await tx
          .insert(ttCourses)
          .values(items.map((c) => columnsOf(termId, c)))
          .onConflictDoUpdate({
            target: [ttCourses.termId, ttCourses.code],
            set: {
              name: sql`excluded.name`,
              meetings: sql`excluded.meetings`,
              duration: sql`excluded.duration`,
              students: sql`excluded.students`,
              minDays: sql`excluded.min_days`,
              maxPerDay: sql`excluded.max_per_day`,
              minGapDays: sql`excluded.min_gap_days`,
              windowFrom: sql`excluded.window_from`,
              windowTo: sql`excluded.window_to`,
              catalogCourseId: sql`excluded.catalog_course_id`,
              updatedAt: sql`now()`,
            },
          })
          .returning({ id: ttCourses.id, code: ttCourses.code });
        const ids = new Map(rows.map((r) => [r.code, r.id]));
        for (const item of items)
          await writeRelations(tx, termId, ids.get(item.code)!, item, resolved);
        await writeAudit(tx, {
          action: 'timetabling.courses.upserted',
          resourceType: 'timetabling_term',
          resourceId: termId,
          details: { codes: items.map((c) => c.code) },
        });
      });
      const rows = await db
        .select()
        .from(ttCourses)
        .where(
          and(
            eq(ttCourses.termId, termId),
            inArray(
              ttCourses.code,
              items.map((c) => c.code),
            ),
          ),
        )
        .orderBy(asc(ttCourses.code));
      return ok(await toDtos(db, rows));
    },
  );

  app.delete(
    '/timetabling/terms/:id/courses/:courseId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a course',
        description:
          'A course in curricula or with meetings in schedules is 409 `COURSE_IN_USE` unless `force=true`, which takes it out of those curricula and schedules.',
        params: Params,
        querystring: ForceQuery,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id: termId, courseId } = request.params;
      await inTransaction(db, async ({ tx }) => {
        const row = await findOne(tx, termId, courseId);
        if (!row) throw courseNotFound();
        const [[curricula], [meetings]] = await Promise.all([
          tx
            .select({ n: count() })
            .from(ttCurriculumCourses)
            .where(eq(ttCurriculumCourses.courseId, row.id)),
          tx.select({ n: count() }).from(ttAssignments).where(eq(ttAssignments.courseId, row.id)),
        ]);
        if ((curricula!.n > 0 || meetings!.n > 0) && !request.query.force)
          throw conflict(
            `The course is in ${curricula!.n} curricula and has ${meetings!.n} scheduled meeting(s); send force=true to delete it anyway`,
            'COURSE_IN_USE',
          );
        await tx.delete(ttCourses).where(eq(ttCourses.id, row.id));
        await writeAudit(tx, {
          action: 'timetabling.course.deleted',
          resourceType: 'timetabling_course',
          resourceId: row.id,
          details: { termId, code: row.code, curricula: curricula!.n, meetings: meetings!.n },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
