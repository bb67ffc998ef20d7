import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import { type Database, inTransaction, isUuid } from '#platform/db/index.js';
import { conflict, notFound, unprocessable, validationError } from '#platform/errors/index.js';
import { decodeIdCursor, encodeCursor } from '#platform/http/pagination.js';
import type { Problem } from '../engine/index.js';
import { appendTermEvent } from '../events.js';
import { parseUpload, type UploadFile } from '../imports/parse-upload.js';
import { applyImportExtras, loadImportBase } from '../imports/term-extras.js';
import { insertProblem, loadProblem, termTimeColumns } from './problem-store.js';
import type { TermDetail } from './repository.js';
import * as repo from './repository.js';

export const termNotFound = () => notFound('Term', 'TERM_NOT_FOUND');

export interface TermInput {
  name: string;
  kind?: 'weekly' | 'dated';
  timeZone?: string;
  startDate?: string | null;
  endDate?: string | null;
  days?: number;
  weekdays?: number[];
  periods?: Array<{ start?: string | null; end?: string | null }>;
}

export function toTermDto(t: TermDetail) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind as 'weekly' | 'dated',
    timeZone: t.timeZone,
    startDate: t.startDate,
    endDate: t.endDate,
    days: t.days,
    weekdays: t.weekdays,
    periods: t.periods,
    sourceFormat: t.sourceFormat,
    counts: t.counts,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
export type TermDto = ReturnType<typeof toTermDto>;

function checkTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw validationError(`Unknown time zone "${zone}"`, [
      { path: '/body/timeZone', message: `unknown IANA time zone "${zone}"` },
    ]);
  }
}

function checkDated(kind: string, startDate: string | null, endDate: string | null) {
  if (kind !== 'dated') return;
  if (!startDate || !endDate)
    throw validationError('A dated term needs startDate and endDate', [
      {
        path: startDate ? '/body/endDate' : '/body/startDate',
        message: 'required for a dated term',
      },
    ]);
  if (startDate > endDate)
    throw validationError('endDate is before startDate', [
      { path: '/body/endDate', message: `${endDate} is before ${startDate}` },
    ]);
}

export function createTermService(db: Database) {
  const get = async (id: string) => {
    const term = isUuid(id) ? await repo.findTerm(db, id) : undefined;
    if (!term) throw termNotFound();
    return term;
  };

  async function importProblem(auth: Principal, file: UploadFile, into: string | null) {
    const parsed = await parseUpload(file, async () =>
      into ? loadImportBase(db, into) : undefined,
    );
    if (!parsed.ok)
      throw unprocessable(
        `The file has ${parsed.issues.length} problem(s); nothing was imported`,
        parsed.issues,
        'IMPORT_INVALID',
      );
    const { problem, format } = parsed;
    const termId = await inTransaction(db, async ({ tx }) => {
      let id: string;
      if (into) {
        const existing = await repo.findTerm(tx, into);
        if (!existing) throw termNotFound();
        if (existing.counts.schedules > 0)
          throw conflict(
            'The term has schedules; duplicate it or delete them before importing over it',
            'TERM_HAS_SCHEDULES',
          );
        await repo.clearTermContents(tx, into);
        await repo.updateTerm(tx, into, {
          ...termTimeColumns(problem.time),
          sourceFormat: format,
          updatedBy: auth.userId,
        });
        id = into;
      } else {
        const row = await repo.insertTerm(tx, {
          name: problem.name,
          ...termTimeColumns(problem.time),
          sourceFormat: format,
          eveningFrom: problem.eveningFrom ?? null,
          createdBy: auth.userId,
          updatedBy: auth.userId,
        });
        id = row.id;
      }
      const counts = await insertProblem(tx, id, problem);
      await applyImportExtras(tx, id, parsed.extras);
      await repo.insertImport(tx, {
        termId: id,
        format,
        fileName: file.name,
        ...counts,
        createdBy: auth.userId,
      });
      await writeAudit(tx, {
        action: 'timetabling.term.imported',
        resourceType: 'timetabling_term',
        resourceId: id,
        details: { format, fileName: file.name, ...counts, entities: parsed.entities ?? null },
      });
      await appendTermEvent(tx, 'term.imported', id, auth.userId, {
        format,
        fileName: file.name,
        into: into !== null,
        ...counts,
      });
      return id;
    });
    return toTermDto(await get(termId));
  }

  return {
    async list(query: { limit: number; cursor?: string }) {
      const ids = await repo.listTermIds(db, {
        limit: query.limit + 1,
        ...(query.cursor ? { afterId: decodeIdCursor(query.cursor) } : {}),
      });
      const page = ids.slice(0, query.limit);
      const items = await Promise.all(page.map(async (id) => toTermDto(await get(id))));
      const last = page.at(-1);
      return {
        items,
        nextCursor: ids.length > query.limit && last ? encodeCursor({ id: last }) : null,
      };
    },

    get: async (id: string) => toTermDto(await get(id)),

    async create(auth: Principal, input: TermInput) {
      const kind = input.kind ?? 'weekly';
      if (input.timeZone) checkTimeZone(input.timeZone);
      checkDated(kind, input.startDate ?? null, input.endDate ?? null);
      const id = await inTransaction(db, async ({ tx }) => {
        const row = await repo.insertTerm(tx, {
          name: input.name,
          kind,
          timeZone: input.timeZone ?? 'UTC',
          startDate: kind === 'dated' ? (input.startDate ?? null) : null,
          endDate: kind === 'dated' ? (input.endDate ?? null) : null,
          days: input.days ?? 5,
          createdBy: auth.userId,
          updatedBy: auth.userId,
        });
        await repo.replacePeriods(
          tx,
          row.id,
          (input.periods ?? []).map((p) => ({ start: p.start ?? null, end: p.end ?? null })),
        );
        await repo.replaceWeekdays(
          tx,
          row.id,
          kind === 'dated' ? (input.weekdays ?? [1, 2, 3, 4, 5]) : [],
        );
        await writeAudit(tx, {
          action: 'timetabling.term.created',
          resourceType: 'timetabling_term',
          resourceId: row.id,
          details: { name: row.name, kind },
        });
        return row.id;
      });
      return toTermDto(await get(id));
    },

    async update(auth: Principal, id: string, input: Partial<TermInput>) {
      const term = await get(id);
      const kind = input.kind ?? term.kind;
      const startDate = input.startDate !== undefined ? input.startDate : term.startDate;
      const endDate = input.endDate !== undefined ? input.endDate : term.endDate;
      if (input.timeZone) checkTimeZone(input.timeZone);
      checkDated(kind, startDate, endDate);
      await inTransaction(db, async ({ tx }) => {
        await repo.updateTerm(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
          ...(input.days !== undefined ? { days: input.days } : {}),
          kind,
          startDate: kind === 'dated' ? startDate : null,
          endDate: kind === 'dated' ? endDate : null,
          updatedBy: auth.userId,
        });
        if (input.periods)
          await repo.replacePeriods(
            tx,
            id,
            input.periods.map((p) => ({ start: p.start ?? null, end: p.end ?? null })),
          );
        if (input.weekdays) await repo.replaceWeekdays(tx, id, input.weekdays);
        await writeAudit(tx, {
          action: 'timetabling.term.updated',
          resourceType: 'timetabling_term',
          resourceId: id,
          details: { fields: Object.keys(input) },
        });
      });
      return toTermDto(await get(id));
    },

    async remove(id: string) {
      await get(id);
      await inTransaction(db, async ({ tx }) => {
        await repo.deleteTerm(tx, id);
        await writeAudit(tx, {
          action: 'timetabling.term.deleted',
          resourceType: 'timetabling_term',
          resourceId: id,
        });
      });
    },

    /** A new term with the same grid, entities and weights (not its schedules). */
    async duplicate(auth: Principal, id: string, name?: string) {
      const term = await get(id);
      const loaded = await loadProblem(db, id);
      const problem: Problem = loaded!.problem;
      const newId = await inTransaction(db, async ({ tx }) => {
        const row = await repo.insertTerm(tx, {
          name: name ?? `${term.name} (copy)`,
          kind: term.kind,
          timeZone: term.timeZone,
          startDate: term.startDate,
          endDate: term.endDate,
          days: term.days,
          eveningFrom: term.eveningFrom,
          sourceFormat: term.sourceFormat,
          createdBy: auth.userId,
          updatedBy: auth.userId,
        });
        await insertProblem(tx, row.id, problem);
        await writeAudit(tx, {
          action: 'timetabling.term.duplicated',
          resourceType: 'timetabling_term',
          resourceId: row.id,
          details: { from: id },
        });
        return row.id;
      });
      return toTermDto(await get(newId));
    },

    importNew: (auth: Principal, file: UploadFile) => importProblem(auth, file, null),
    async importInto(auth: Principal, id: string, file: UploadFile) {
      await get(id);
      return importProblem(auth, file, id);
    },

    async imports(id: string) {
      await get(id);
      const rows = await repo.listImports(db, id);
      return rows.map((r) => ({
        id: r.id,
        format: r.format,
        fileName: r.fileName,
        rooms: r.rooms,
        instructors: r.instructors,
        courses: r.courses,
        curricula: r.curricula,
        createdBy: r.createdBy,
        createdAt: r.createdAt.toISOString(),
      }));
    },
  };
}

export type TermService = ReturnType<typeof createTermService>;
