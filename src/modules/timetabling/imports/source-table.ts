import type { ErrorDetail } from '#platform/errors/index.js';
import { ENTITIES, type EntityName, normalizeColumn } from './entities.js';

/** Where a value came from: the uploaded file (or zip entry), the sheet, row and column. */
export interface Location {
  file: string;
  sheet?: string;
  /** 1-based, as a spreadsheet numbers rows: the header is row 1. */
  row?: number;
  column?: string;
}

/** One entity's rows as read from a CSV or a sheet, cells by (normalised) column name. */
export interface SourceTable {
  entity: EntityName;
  file: string;
  sheet?: string;
  /** The known columns its header has. */
  columns: Set<string>;
  rows: Array<{ row: number; cells: Record<string, string> }>;
}

/** An import problem at a location, in the shape `error.details` carries. */
export const issueAt = (at: Location, message: string, field?: string): ErrorDetail => ({
  path: '/file',
  file: at.file,
  ...(at.sheet !== undefined ? { sheet: at.sheet } : {}),
  ...(at.row !== undefined ? { row: at.row } : {}),
  ...(at.column !== undefined ? { column: at.column } : {}),
  ...(field ? { field } : {}),
  message,
});

/**
 * Rows of cells (the first is the header, at spreadsheet row `rowNumbers[0]`) as an entity's
 * table; a missing required column, an unknown or a repeated one is an issue on the header.
 */
export function toSourceTable(
  entity: EntityName,
  where: { file: string; sheet?: string },
  records: Array<{ row: number; cells: string[] }>,
): { table: SourceTable; issues: ErrorDetail[] } {
  const issues: ErrorDetail[] = [];
  const [head, ...body] = records;
  const table: SourceTable = { entity, ...where, columns: new Set(), rows: [] };
  if (!head) {
    issues.push(issueAt({ ...where, row: 1 }, `the ${entity} header row is missing`));
    return { table, issues };
  }
  const spec = ENTITIES[entity];
  const known = new Set(spec.columns.map((c) => c.name));
  const header = head.cells.map(normalizeColumn);
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!name) return;
    const at = { ...where, row: head.row, column: head.cells[i]!.trim() };
    if (!known.has(name))
      issues.push(
        issueAt(
          at,
          `unknown column "${at.column}" in ${entity}; expected ${[...known].join(', ')}`,
        ),
      );
    else if (seen.has(name)) issues.push(issueAt(at, `column "${name}" appears twice`));
    else table.columns.add(name);
    seen.add(name);
  });
  for (const c of spec.columns)
    if (c.required && !seen.has(c.name))
      issues.push(
        issueAt({ ...where, row: head.row, column: c.name }, `missing column "${c.name}"`),
      );
  for (const record of body) {
    if (record.cells.every((c) => c.trim() === '')) continue;
    const cells: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name && known.has(name)) cells[name] = (record.cells[i] ?? '').trim();
    });
    if (record.cells.length > header.length && record.cells.slice(header.length).some((c) => c))
      issues.push(issueAt({ ...where, row: record.row }, 'more cells than header columns'));
    table.rows.push({ row: record.row, cells });
  }
  return { table, issues };
}
