import { stringify } from 'csv-stringify/sync';
import type { Problem } from '../engine/index.js';
import type { ExportSource } from './source.js';
import { MEETING_COLUMNS, meetingRows } from './table.js';

const csv = (columns: readonly string[], rows: Array<Array<string | number | null>>) =>
  stringify(rows, { header: true, columns: [...columns] });

/** The schedule as CSV: one row per meeting (`MEETING_COLUMNS`). */
export function scheduleCsv(source: ExportSource): string {
  return csv(
    MEETING_COLUMNS,
    meetingRows(source).map((r) => MEETING_COLUMNS.map((c) => r[c])),
  );
}

const list = (values: string[] | undefined) => (values ?? []).join(' ');

/** The term's entities, one CSV each, named for a zip. */
export function entityCsvs(problem: Problem): Record<string, string> {
  return {
    'rooms.csv': csv(
      ['code', 'name', 'capacity', 'features'],
      problem.rooms.map((r) => [r.id, r.name ?? null, r.capacity, list(r.features)]),
    ),
    'instructors.csv': csv(
      ['code', 'name'],
      problem.instructors.map((i) => [i.id, i.name ?? null]),
    ),
    'courses.csv': csv(
      ['code', 'name', 'meetings', 'students', 'minDays', 'instructors', 'features'],
      problem.courses.map((c) => [
        c.id,
        c.name ?? null,
        c.meetings,
        c.students,
        c.minDays ?? 1,
        list(c.instructors),
        list(c.features),
      ]),
    ),
    'curricula.csv': csv(
      ['code', 'name', 'courses'],
      problem.curricula.map((q) => [q.id, q.name ?? null, list(q.courses)]),
    ),
  };
}
