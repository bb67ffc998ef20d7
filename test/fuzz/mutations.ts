import fc from 'fast-check';
import type { JsonSchema, Operation } from '../openapi/operations.js';
import { isValid, sampleOf, wrongTypeValues } from '../openapi/schema-values.js';

/** One bad request: what to send, and the field the 400 must name when it is known. */
export interface BadInput {
  kind: string;
  body?: unknown;
  rawBody?: string;
  path?: Record<string, string>;
  query?: Record<string, string>;
  /** The detail path the refusal must name (`/body/title`), when the rest is valid. */
  names?: string;
}

const MALFORMED_JSON = ['{"a":', '{', 'nul', '[1,', '{"x":1}}', '{"a":"\u0000', "{'a':1}"];

/** Path parameter values that cannot pass a uuid, integer, enum or pattern schema. */
const BAD_PATH_VALUES = ['not-a-valid-id', "1' or '1'='1", '..%2F..%2Fetc', '-1.5e9'];
/** Refused before routing (`PATH_SEGMENT_TOO_LONG`), so no parameter is named. */
const OVERLONG_SEGMENT = 'x'.repeat(300);

/**
 * The bad inputs for one operation, generated from its schemas: wrong types, missing required
 * fields, oversized strings, unknown fields where `additionalProperties` is false (each on an
 * otherwise valid body, so the refusal must name that field), malformed JSON, bad path and
 * query parameters.
 */
export function badInputs(
  operation: Operation,
  body: JsonSchema | undefined,
): fc.Arbitrary<BadInput>[] {
  const out: fc.Arbitrary<BadInput>[] = [];
  const validPath = Object.fromEntries(
    operation.parameters
      .filter((p) => p.in === 'path')
      .map((p) => [p.name, String(sampleOf(p.schema ?? {}))]),
  );
  if (body && !operation.multipart) {
    const base = sampleOf(body) as Record<string, unknown>;
    const baseValid = base !== null && typeof base === 'object' && isValid(body, base);
    const named = (field: string) => (baseValid ? `/body/${field}` : undefined);
    const properties = Object.entries(body.properties ?? {});
    out.push(
      fc.constantFrom(...MALFORMED_JSON).map((rawBody) => ({ kind: 'malformed JSON', rawBody })),
    );
    for (const [name, schema] of properties) {
      const wrong = wrongTypeValues(schema);
      if (wrong.length)
        out.push(
          fc.constantFrom(...wrong).map((value) => ({
            kind: `wrong type for ${name}`,
            body: { ...base, [name]: value },
            names: named(name),
          })),
        );
      if (schema.maxLength !== undefined && (schema.type === 'string' || schema.type === undefined))
        out.push(
          fc.integer({ min: schema.maxLength + 1, max: schema.maxLength + 500 }).map((n) => ({
            kind: `oversized ${name}`,
            body: { ...base, [name]: 'y'.repeat(n) },
            names: named(name),
          })),
        );
    }
    // A required field with a default is filled in by validation: leaving it out is fine.
    const needed = (body.required ?? []).filter(
      (name) =>
        (body.properties?.[name] as { default?: unknown } | undefined)?.default === undefined,
    );
    for (const name of needed) {
      const { [name]: _dropped, ...rest } = base;
      out.push(fc.constant({ kind: `missing ${name}`, body: rest, names: named(name) }));
    }
    if (body.additionalProperties === false)
      out.push(
        fc
          .stringMatching(/^[a-z][a-zA-Z0-9]{2,12}$/)
          .filter((key) => !(key in (body.properties ?? {})))
          .map((key) => ({
            kind: `unknown field ${key}`,
            body: { ...base, [key]: 1 },
            names: named(key),
          })),
      );
    if (typeof body.type === 'string' && body.type === 'object')
      out.push(
        fc
          .constantFrom<unknown>([], 'text', 42, null)
          .map((value) => ({ kind: 'body not an object', body: value })),
      );
  }
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const schema = parameter.schema ?? {};
    const bad = BAD_PATH_VALUES.filter((v) => !isValid(schema, v) && !isValid(schema, Number(v)));
    if (bad.length)
      out.push(
        fc.constantFrom(...bad).map((value) => ({
          kind: `bad path ${parameter.name}`,
          path: { ...validPath, [parameter.name]: value },
          names: `/params/${parameter.name}`,
        })),
      );
    out.push(
      fc.constant({
        kind: `overlong path ${parameter.name}`,
        path: { ...validPath, [parameter.name]: OVERLONG_SEGMENT },
      }),
    );
  }
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    const schema = parameter.schema ?? {};
    const bad = ['not-valid-value', '-99999999999', 'x'.repeat(2000)].filter(
      (v) => !isValid(schema, v) && !isValid(schema, Number(v)) && !isValid(schema, v === 'true'),
    );
    if (bad.length)
      out.push(
        fc.constantFrom(...bad).map((value) => ({
          kind: `bad query ${parameter.name}`,
          path: validPath,
          query: { [parameter.name]: value },
        })),
      );
  }
  // A body or query mutation must reach its validation: the path carries valid values unless the
  // mutation is about the path itself.
  return out.map((arbitrary) =>
    arbitrary.map((input) => ({ ...input, path: input.path ?? validPath })),
  );
}
