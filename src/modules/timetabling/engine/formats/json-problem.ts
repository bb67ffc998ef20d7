import { Compile } from 'typebox/schema';
import { compile, ProblemError } from '../compile.js';
import type { Problem } from '../model.js';
import schema from '../problem.schema.json' with { type: 'json' };

export { schema as problemJsonSchema };

type Validator = ReturnType<typeof Compile>;
let validator: Validator | undefined;

/**
 * Parses and validates a JSON problem document (see problem.schema.json). Schema errors name the
 * JSON path; reference errors (unknown course in a curriculum, bad date) come from compiling.
 */
export function parseProblemJson(text: string): Problem {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ProblemError(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  validator ??= Compile(schema as object);
  if (!validator.Check(doc)) {
    const [, errors] = validator.Errors(doc);
    const first = errors
      .filter((e) => e.keyword !== 'boolean')
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'}: ${e.message}`);
    throw new ProblemError(`problem does not match the schema: ${first.join('; ')}`);
  }
  const problem = doc as Problem & { $schema?: string };
  delete problem.$schema;
  problem.instructors ??= [];
  problem.curricula ??= [];
  compile(problem);
  return problem;
}
