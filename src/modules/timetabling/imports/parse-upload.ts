import type { ErrorDetail } from '#platform/errors/index.js';
import { CttParseError, type Problem, parseCtt } from '../engine/index.js';
import { type EntityName, entityOfHeader } from './entities.js';
import { parseTabular } from './parse-tabular.js';
import { csvRecords } from './read-csv.js';
import type { ImportBase, ImportExtras } from './to-problem.js';
import { normalizeProblem, type Reporter, validateProblem } from './validate-problem.js';

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
      return checked(format, normalizeProblem(parseCtt(text)), (p, m) =>
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
    return checked(format, doc as Problem, (p, m) => issue(m, p ? { field: p } : {}));
  }

  return parseTabular(format, { ...file, bytes }, loadBase);
}

/** A `.ctt` or JSON problem through the engine's checks; they carry nothing beyond it. */
function checked(format: 'ctt' | 'json', doc: Problem, report: Reporter): ParsedUpload {
  const issues = validateProblem(doc, report);
  if (issues.length) return { ok: false, issues };
  return { ok: true, format, problem: normalizeProblem(doc), extras: NO_EXTRAS };
}
