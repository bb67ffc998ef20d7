import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { JsonSchema } from './operations.js';

type Components = Record<string, JsonSchema>;

/** The schema with `#/components/schemas/…` references replaced by what they name. */
export function dereference(schema: JsonSchema, components: Components, depth = 0): JsonSchema {
  if (depth > 12) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return dereference(components[name] ?? {}, components, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [
          k,
          dereference(v, components, depth + 1),
        ]),
      );
    else if (
      (key === 'items' || key === 'additionalProperties') &&
      value &&
      typeof value === 'object'
    )
      out[key] = dereference(value as JsonSchema, components, depth + 1);
    else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value))
      out[key] = value.map((v: JsonSchema) => dereference(v, components, depth + 1));
    else out[key] = value;
  }
  return out as JsonSchema;
}

// The same Ajv Fastify validates with (its compiler's dependency), to know a sample is valid.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const fromCompiler = createRequire(fromFastify.resolve('@fastify/ajv-compiler'));
const AjvClass = fromCompiler('ajv').default as new (
  options: object,
) => { compile(schema: object): (value: unknown) => boolean; addKeyword(k: string): void };
const addFormats = fromCompiler('ajv-formats').default as (ajv: unknown) => void;
const ajv = new AjvClass({ strict: false, coerceTypes: false });
addFormats(ajv);

/** Whether `value` passes `schema` as the app's body validation would judge it. */
export function isValid(schema: JsonSchema, value: unknown): boolean {
  try {
    return ajv.compile(schema as object)(value);
  } catch {
    return false;
  }
}

const FORMAT_SAMPLES: Record<string, () => string> = {
  uuid: () => randomUUID(),
  email: () => `fuzz-${randomUUID().slice(0, 8)}@example.org`,
  'date-time': () => '2030-01-15T10:00:00.000Z',
  date: () => '2030-01-15',
  time: () => '10:00:00Z',
  uri: () => 'https://example.org/fuzz',
  url: () => 'https://example.org/fuzz',
};

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** A value meant to pass `schema` (checked with `isValid` by the caller: patterns may defeat it). */
export function sampleOf(schema: JsonSchema): unknown {
  const examples = (schema as { examples?: unknown[] }).examples;
  if (examples?.length) return examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return sampleOf(schema.anyOf[0]);
  if (schema.oneOf?.length) return sampleOf(schema.oneOf[0]);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map(sampleOf));
  switch (typeOf(schema)) {
    case 'string': {
      if (schema.format && FORMAT_SAMPLES[schema.format]) return FORMAT_SAMPLES[schema.format]();
      return 'fuzz'.padEnd(schema.minLength ?? 1, 'z').slice(0, schema.maxLength ?? 64);
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.maximum !== undefined ? Math.min(1, schema.maximum) : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const count = (schema as { minItems?: number }).minItems ?? 0;
      return Array.from({ length: count }, () => sampleOf(schema.items ?? {}));
    }
    case 'object':
    case undefined: {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? [])
        out[name] = sampleOf(schema.properties?.[name] ?? {});
      return out;
    }
  }
  return null;
}

/** Values of another JSON type than the schema's, that no coercion turns into it. */
export function wrongTypeValues(schema: JsonSchema): unknown[] {
  const types = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  const candidates: Array<[string, unknown]> = [
    ['object', { nested: { deeper: 1 } }],
    ['array', [[1], { a: 2 }]],
    ['string', 'not-the-right-type'],
    ['integer', 123456789],
    ['boolean', true],
  ];
  return candidates
    .filter(([type]) => !types.has(type) && !(type === 'integer' && types.has('number')))
    .map(([, value]) => value)
    .filter((value) => !isValid(schema, value));
}
