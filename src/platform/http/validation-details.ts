import type { ErrorDetail } from '../errors/index.js';

/** One problem as Ajv reports it (Fastify passes them on as `error.validation`). */
export interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  schemaPath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/**
 * Ajv's problems as the envelope's `details`: one entry per problem, its `path` naming the
 * offending field (`/body/category`, also for unknown and missing properties, which Ajv reports
 * on the parent), a `message` stating the rule, and the `rule` (Ajv keyword) with what it wants
 * (`expected` type, `allowed` values, `format`, `pattern`, `limit`).
 */
export function validationDetails(part: string | undefined, issues: ValidationIssue[]) {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const issue of collapseAlternatives(issues)) {
    const detail = toDetail(part ?? 'body', issue);
    const key = `${detail.path} ${detail.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push(detail);
  }
  return details;
}

function toDetail(part: string, issue: ValidationIssue): ErrorDetail {
  const params = issue.params ?? {};
  const rule = issue.keyword ?? 'invalid';
  const at = `/${part}${issue.instancePath ?? ''}`;
  const child = (name: unknown) => `${at}/${String(name)}`;
  switch (rule) {
    case 'required':
      return { path: child(params.missingProperty), message: 'is required', rule };
    case 'dependentRequired':
      return { path: child(params.missingProperty), message: 'is required', rule };
    case 'additionalProperties':
      return { path: child(params.additionalProperty), message: 'unknown property', rule };
    case 'type': {
      const expected = typesOf(params.type).join(' or ');
      return { path: at, message: `must be ${expected}`, rule, expected };
    }
    case 'enum':
    case 'const': {
      const allowed = rule === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      return { path: at, message: `must be one of: ${allowed.join(', ')}`, rule: 'enum', allowed };
    }
    case 'format':
      return { path: at, message: `must be a valid ${params.format}`, rule, format: params.format };
    case 'pattern':
      return { path: at, message: `must match ${params.pattern}`, rule, pattern: params.pattern };
  }
  const detail: ErrorDetail = { path: at, message: issue.message ?? 'is invalid', rule };
  if (params.limit !== undefined) detail.limit = params.limit;
  return detail;
}

const typesOf = (type: unknown): string[] =>
  (Array.isArray(type) ? type : String(type).split(',')).map(String);

/**
 * Ajv reports a failed `anyOf` (a union such as `string | null`, or a choice of literals) as
 * every branch's failure plus one "must match a schema in anyOf": one problem, several entries.
 * Each union becomes what the caller needs to hear: the failures of the branches whose type the
 * value has (`maxLength` rather than "must be null"), else one "must be string or null", or
 * "must be one of: …" for literals. Innermost unions first, so nested ones collapse too.
 */
function collapseAlternatives(issues: ValidationIssue[]): ValidationIssue[] {
  const unions = issues
    .filter((i) => i.keyword === 'anyOf' || i.keyword === 'oneOf')
    .sort((a, b) => (b.schemaPath ?? '').length - (a.schemaPath ?? '').length);
  let rest = issues;
  for (const union of unions) {
    const prefix = `${union.schemaPath}/`;
    const branches = rest.filter((i) => i.schemaPath?.startsWith(prefix));
    const merged = mergeBranches(union, prefix, branches);
    const at = rest.indexOf(union);
    rest = rest.filter((i, index) => index !== at && !branches.includes(i));
    rest.splice(Math.min(at, rest.length), 0, ...merged);
  }
  return rest;
}

function mergeBranches(
  union: ValidationIssue,
  prefix: string,
  branches: ValidationIssue[],
): ValidationIssue[] {
  if (branches.length === 0) return [union];
  const branchOf = (i: ValidationIssue) => (i.schemaPath ?? '').slice(prefix.length).split('/')[0];
  const mismatched = new Set(
    branches
      .filter((i) => i.keyword === 'type' && i.instancePath === union.instancePath)
      .map(branchOf),
  );
  const literals = branches.filter((i) => i.keyword === 'const' || i.keyword === 'enum');
  const matching = branches.filter((i) => !mismatched.has(branchOf(i)));
  const onlyLiterals = matching.every((i) => i.keyword === 'const' || i.keyword === 'enum');
  if (literals.length > 0 && onlyLiterals) {
    const allowed = [
      ...new Set(
        literals.flatMap((i) =>
          i.keyword === 'enum' ? (i.params?.allowedValues as unknown[]) : [i.params?.allowedValue],
        ),
      ),
    ];
    return [{ ...union, keyword: 'enum', params: { allowedValues: allowed } }];
  }
  if (matching.length > 0) return matching;
  const types = [
    ...new Set(
      branches.filter((i) => i.keyword === 'type').flatMap((i) => typesOf(i.params?.type)),
    ),
  ];
  return [{ ...union, keyword: 'type', params: { type: types } }];
}
