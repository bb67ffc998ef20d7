import type { ErrorDetail } from '#platform/errors/index.js';
import { CttParseError, type Problem, parseCtt } from '../engine/index.js';
import { type EntityName, entityOfHeader, REQUIRED_ENTITIES } from './entities.js';
import { csvRecords, readCsv } from './read-csv.js';
import { readWorkbook } from './read-workbook.js';
import { readZip } from './read-zip.js';
import { issueAt } from './source-table.js';
import {
  type ImportBase,
  type ImportExtras,
  type TablesRead,
  tablesToProblem,
} from './to-problem.js';
import { normalizeProblem, validateProblem } from './validate-problem.js';

export const IMPORT_FORMATS = ['ctt', 'json', 'csv', 'zip', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** An uploaded file: its name, its bytes and those bytes as UTF-8 text. */
export interface UploadFile {
  name: string;
  text: string;
  bytes?: Uint8Array;
}

/** A parsed upload: the problem, or every issue found (file, sheet, row, column or field). */
export type ParsedUpload =
  | {
      ok: true;
      format: ImportFormat;
      problem: Problem;
      extras: ImportExtras;
      /** The entities a tabular upload held. */
      entities?: EntityName[];
    }
  | { ok: false; issues: ErrorDetail[] };

const NO_EXTRAS: ImportExtras = { buildings: {}, maxLoads: {} };

const isZip = (bytes: Uint8Array | undefined) =>
  !!bytes && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The format of an upload from its name, then its content (a zip with `xl/` is a workbook). */
export function detectFormat(
  fileName: string,
  text: string,
  bytes?: Uint8Array,
): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext && (IMPORT_FORMATS as readonly string[]).includes(ext)) return ext as ImportFormat;
  if (isZip(bytes)) return text.includes('xl/workbook.xml') ? 'xlsx' : 'zip';
  if (text.trimStart().startsWith('{')) return 'json';
  if (/^\s*Name:/m.test(text)) return 'ctt';
  const header = csvRecords(fileName, text.split(/\r?\n/, 1)[0] ?? '').records[0]?.cells;
  if (header && entityOfHeader(header)) return 'csv';
  return null;
}

/**
 * Parses and checks an uploaded problem file; nothing here touches the database. A single CSV
 * replaces one entity of `loadBase()`'s term (the one imported into) and keeps the rest.
 */
export async function parseUpload(
  file: UploadFile,
  loadBase: () => Promise<ImportBase | undefined> = async () => undefined,
): Promise<ParsedUpload> {
  const { name: fileName, text } = file;
  const bytes = file.bytes ?? new TextEncoder().encode(text);
  const format = detectFormat(fileName, text, bytes);
  const issue = (message: string, extra: Record<string, unknown> = {}): ErrorDetail => ({
    path: '/file',
    file: fileName,
    message,
    ...extra,
  });
  if (!format)
    return {
      ok: false,
      issues: [
        issue(
          'unknown file format: expected an ITC-2007 .ctt, a JSON problem, a CSV per entity, a zip of them or an .xlsx workbook',
        ),
      ],
    };
  if (format === 'ctt') {
    try {
      return checked(format, normalizeProblem(parseCtt(text)), NO_EXTRAS, (p, m) =>
        issue(m, p ? { field: p } : {}),
      );
    } catch (err) {
      if (err instanceof CttParseError)
        return { ok: false, issues: [issue(err.message, { line: err.line })] };
      throw err;
    }
  }
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      return { ok: false, issues: [issue(`not valid JSON: ${(err as Error).message}`)] };
    }
    return checked(format, doc as Problem, NO_EXTRAS, (p, m) => issue(m, p ? { field: p } : {}));
  }

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
      return at ? issueAt(at, message) : issue(message, pointer ? { field: pointer } : {});
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

function checked(
  format: ImportFormat,
  doc: Problem,
  extras: ImportExtras,
  report: Parameters<typeof validateProblem>[1],
): ParsedUpload {
  const issues = validateProblem(doc, report);
  if (issues.length) return { ok: false, issues };
  return { ok: true, format, problem: normalizeProblem(doc), extras };
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
