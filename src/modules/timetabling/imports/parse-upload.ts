import { Compile } from 'typebox/schema';
import type { ErrorDetail } from '#platform/errors/index.js';
import {
  CttParseError,
  checkProblem,
  compile,
  type Problem,
  ProblemError,
  parseCtt,
  problemJsonSchema,
} from '../engine/index.js';

export const IMPORT_FORMATS = ['ctt', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A parsed upload: the problem, or every issue found (file, line, column or field path). */
export type ParsedUpload =
  | { ok: true; format: ImportFormat; problem: Problem }
  | { ok: false; issues: ErrorDetail[] };

let validator: ReturnType<typeof Compile> | undefined;

/** The format of an upload from its name, then its first byte (`{` is JSON). */
export function detectFormat(fileName: string, text: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ctt')) return 'ctt';
  if (lower.endsWith('.json')) return 'json';
  if (text.trimStart().startsWith('{')) return 'json';
  if (/^\s*Name:/m.test(text)) return 'ctt';
  return null;
}

/** Parses and checks an uploaded problem file; nothing here touches the database. */
export function parseUpload(fileName: string, text: string): ParsedUpload {
  const format = detectFormat(fileName, text);
  const issue = (message: string, extra: Record<string, unknown> = {}): ErrorDetail => ({
    path: '/file',
    file: fileName,
    message,
    ...extra,
  });
  if (!format)
    return {
      ok: false,
      issues: [issue('unknown file format: expected an ITC-2007 .ctt or a JSON problem')],
    };
  let problem: Problem;
  if (format === 'ctt') {
    try {
      problem = parseCtt(text);
    } catch (err) {
      if (err instanceof CttParseError)
        return { ok: false, issues: [issue(err.message, { line: err.line })] };
      throw err;
    }
  } else {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      return { ok: false, issues: [issue(`not valid JSON: ${(err as Error).message}`)] };
    }
    validator ??= Compile(problemJsonSchema as object);
    const { $schema: _, ...rest } = doc as Problem & { $schema?: string };
    problem = { ...rest, instructors: rest.instructors ?? [], curricula: rest.curricula ?? [] };
    if (!validator.Check(doc)) {
      const [, errors] = validator.Errors(doc);
      const schemaIssues = errors
        .filter((e) => e.keyword !== 'boolean')
        .map((e) => issue(e.message, { field: e.instancePath || '/' }));
      // References are checked too when the document has the right shape, so that one upload
      // reports all it can; a field the schema already flagged is not reported twice.
      const flagged = new Set(schemaIssues.map((i) => i.field));
      let more: ErrorDetail[] = [];
      try {
        more = checkProblem(problem)
          .map((i) => issue(i.message, { field: toPointer(i.path) }))
          .filter((i) => !flagged.has(i.field));
      } catch {
        // The shape is too far off for reference checks; the schema's issues say why.
      }
      return { ok: false, issues: [...schemaIssues, ...more] };
    }
  }
  const issues = checkProblem(problem).map((i) => issue(i.message, { field: toPointer(i.path) }));
  if (issues.length) return { ok: false, issues };
  try {
    compile(problem);
  } catch (err) {
    if (err instanceof ProblemError || err instanceof Error)
      return { ok: false, issues: [issue(err.message)] };
    throw err;
  }
  return { ok: true, format, problem };
}

/** `courses[3].instructors[1]` → `/courses/3/instructors/1`, the form schema errors use. */
const toPointer = (path: string) =>
  `/${path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;
