import { Compile } from 'typebox/schema';
import type { ErrorDetail } from '#platform/errors/index.js';
import { checkProblem, compile, type Problem, problemJsonSchema } from '../engine/index.js';

let validator: ReturnType<typeof Compile> | undefined;

/** Turns an issue at a JSON pointer (undefined: the whole problem) into an error detail. */
export type Reporter = (pointer: string | undefined, message: string) => ErrorDetail;

/**
 * The checks every imported problem goes through, whatever its format: the JSON schema, then
 * references and sizes (`checkProblem`), then `compile` when all else passed.
 */
export function validateProblem(
  doc: unknown,
  report: Reporter,
  options: { compile: boolean } = { compile: true },
): ErrorDetail[] {
  validator ??= Compile(problemJsonSchema as object);
  const problem = normalizeProblem(doc as Problem);
  if (!validator.Check(doc)) {
    const [, errors] = validator.Errors(doc);
    const schemaIssues = errors
      .filter((e) => e.keyword !== 'boolean')
      .map((e) => ({ pointer: e.instancePath || '/', message: e.message }));
    // References are checked too when the document has the right shape, so that one upload
    // reports all it can; a field the schema already flagged is not reported twice.
    const flagged = new Set(schemaIssues.map((i) => i.pointer));
    let more: Array<{ pointer: string; message: string }> = [];
    try {
      more = checkProblem(problem)
        .map((i) => ({ pointer: toPointer(i.path), message: i.message }))
        .filter((i) => !flagged.has(i.pointer));
    } catch {
      // The shape is too far off for reference checks; the schema's issues say why.
    }
    return [...schemaIssues, ...more].map((i) => report(i.pointer, i.message));
  }
  const issues = checkProblem(problem).map((i) => report(toPointer(i.path), i.message));
  if (issues.length || !options.compile) return issues;
  try {
    compile(problem);
  } catch (err) {
    if (err instanceof Error) return [report(undefined, err.message)];
    throw err;
  }
  return [];
}

/** The problem as imported: optional lists filled in, `$schema` dropped. */
export function normalizeProblem(doc: Problem & { $schema?: string }): Problem {
  const { $schema: _, ...rest } = doc;
  return { ...rest, instructors: rest.instructors ?? [], curricula: rest.curricula ?? [] };
}

/** `courses[3].instructors[1]` → `/courses/3/instructors/1`, the form schema errors use. */
const toPointer = (path: string) =>
  `/${path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;
