import { CsvError, parse } from 'csv-parse/sync';
import type { ErrorDetail } from '#platform/errors/index.js';
import { type EntityName, entityOfHeader, entityOfName } from './entities.js';
import { issueAt, type SourceTable, toSourceTable } from './source-table.js';

export type ReadTable = { table?: SourceTable; issues: ErrorDetail[] };

/** Spreadsheets saved as CSV in some locales separate cells by ";" or tabs. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (first.includes(',')) return ',';
  if (first.includes('\t')) return '\t';
  return first.includes(';') ? ';' : ',';
}

/** Cell rows of a CSV text, numbered as a spreadsheet numbers them (the header is row 1). */
export function csvRecords(
  file: string,
  text: string,
): { records: Array<{ row: number; cells: string[] }>; issues: ErrorDetail[] } {
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
    return { records: rows.map((cells, i) => ({ row: i + 1, cells })), issues: [] };
  } catch (err) {
    if (err instanceof CsvError)
      return {
        records: [],
        issues: [
          issueAt(
            { file, ...(typeof err.lines === 'number' ? { row: err.lines } : {}) },
            err.message,
          ),
        ],
      };
    throw err;
  }
}

/**
 * One CSV as an entity's table. The entity is the one its name says (`rooms.csv`), else the one
 * its header fits; `expected` forces it (zip entries are named).
 */
export function readCsv(file: string, text: string, expected?: EntityName): ReadTable {
  const { records, issues } = csvRecords(file, text);
  if (issues.length) return { issues };
  const entity = expected ?? entityOfName(file) ?? entityOfHeader(records[0]?.cells ?? []);
  if (!entity)
    return {
      issues: [
        issueAt(
          { file, row: 1 },
          'cannot tell which entity this CSV holds: name it after one (term.csv, rooms.csv, courses.csv, …) or use a template’s header',
        ),
      ],
    };
  return toSourceTable(entity, { file }, records);
}
