import type { ErrorDetail } from '#platform/errors/index.js';
import { type EntityName, REQUIRED_ENTITIES } from './entities.js';
import type { ParsedUpload, UploadFile } from './parse-upload.js';
import { readCsv } from './read-csv.js';
import { readWorkbook } from './read-workbook.js';
import { readZip } from './read-zip.js';
import { issueAt } from './source-table.js';
import { type ImportBase, type TablesRead, tablesToProblem } from './to-problem.js';
import { normalizeProblem, validateProblem } from './validate-problem.js';

/**
 * A CSV, a zip of CSVs or a workbook as the engine's problem, checked cell by cell and then as
 * the JSON problem is, every issue placed at its file, sheet, row and column.
 */
export async function parseTabular(
  format: 'csv' | 'zip' | 'xlsx',
  file: UploadFile & { bytes: Uint8Array },
  loadBase: () => Promise<ImportBase | undefined>,
): Promise<ParsedUpload> {
  const { name: fileName, text, bytes } = file;
  let read: TablesRead;
  let required: readonly EntityName[] = REQUIRED_ENTITIES;
  let base: ImportBase | undefined;
  if (format === 'csv') {
    const one = readCsv(fileName, text);
    read = {
      tables: one.table ? { [one.table.entity]: one.table } : {},
      issues: one.issues,
      unreadable: !one.table,
    };
    base = await loadBase();
    required = base ? [] : ['term'];
  } else read = format === 'zip' ? readZip(fileName, bytes) : await readWorkbook(fileName, bytes);
  if (read.unreadable) return { ok: false, issues: read.issues };
  const missing = required
    .filter((e) => !read.tables[e])
    .map((e) =>
      format === 'xlsx'
        ? issueAt({ file: fileName, sheet: e }, `missing sheet "${e}"`)
        : format === 'zip'
          ? issueAt({ file: fileName }, `missing ${e}.csv in the zip`)
          : issueAt(
              { file: fileName },
              'a new term needs its term: upload term.csv, a zip or workbook of every entity, or import this CSV into an existing term',
            ),
    );
  const converted = tablesToProblem(read.tables, base);
  const earlier = [...read.issues, ...missing, ...converted.issues];
  // Without a whole entity, references to it would all dangle: those findings are noise.
  if (missing.length) return { ok: false, issues: earlier };
  const validation = validateProblem(
    converted.problem,
    (pointer, message) => {
      const at = pointer === undefined ? undefined : converted.locations.locate(pointer);
      return at ? issueAt(at, message) : issueAt({ file: fileName }, message, pointer);
    },
    { compile: earlier.length === 0 },
  );
  const issues = [...earlier, ...withoutRepeats(validation, earlier)];
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    format,
    problem: normalizeProblem(converted.problem),
    extras: converted.extras,
    entities: Object.keys(read.tables) as EntityName[],
  };
}

const key = (...parts: unknown[]) => parts.map((p) => String(p ?? '')).join('\u0000');

/**
 * The engine's findings that a cell check already reported (same cell, or the same row when
 * the engine names no column, or a column missing from the header) are left out.
 */
function withoutRepeats(found: ErrorDetail[], earlier: ErrorDetail[]) {
  const cells = new Set(earlier.map((i) => key(i.file, i.sheet, i.row, i.column)));
  const rows = new Set(earlier.map((i) => key(i.file, i.sheet, i.row)));
  const columns = new Set(
    earlier
      .filter((i) => i.message.startsWith('missing column'))
      .map((i) => key(i.file, i.sheet, i.column)),
  );
  return found.filter(
    (i) =>
      !cells.has(key(i.file, i.sheet, i.row, i.column)) &&
      !(i.column === undefined && i.row !== undefined && rows.has(key(i.file, i.sheet, i.row))) &&
      !columns.has(key(i.file, i.sheet, i.column)),
  );
}
