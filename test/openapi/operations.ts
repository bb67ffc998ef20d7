import { randomUUID } from 'node:crypto';
import type { AccessDeclaration } from '#platform/auth/authentication.js';
import type { TestApp } from '../helpers/test-app.js';

/** A JSON schema as the OpenAPI document holds it (the parts these suites read). */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

/** One operation of the OpenAPI document, with the path template Fastify routes. */
export interface Operation {
  method: string;
  /** The OpenAPI path, `/api/v1/courses/{id}`. */
  path: string;
  access: AccessDeclaration | undefined;
  parameters: Parameter[];
  /** The `application/json` request body schema, when it has one. */
  body: JsonSchema | undefined;
  bodyRequired: boolean;
  /** Whether the body is multipart (file uploads): not fuzzed as JSON. */
  multipart: boolean;
}

interface RawOperation {
  'x-access'?: AccessDeclaration;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every operation of the app's OpenAPI document, in document order. */
export function operationsOf(t: TestApp): Operation[] {
  const document = t.app.swagger() as { paths?: Record<string, Record<string, RawOperation>> };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const method of METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const content = raw.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        access: raw['x-access'],
        parameters: raw.parameters ?? [],
        body: content['application/json']?.schema,
        bodyRequired: !!raw.requestBody?.required,
        multipart: 'multipart/form-data' in content,
      });
    }
  return operations;
}

/** A fresh value for a path parameter that passes its schema where it can (so 404, not 400). */
export function freshPathValue(schema: JsonSchema | undefined): string {
  if (schema?.type === 'integer' || schema?.type === 'number')
    return String(schema.maximum ?? 987654);
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.format === 'uuid' || !schema?.pattern) return randomUUID();
  return randomUUID();
}

/** The operation's URL with its path parameters filled in by `value`. */
export function urlOf(
  operation: Operation,
  value: (p: Parameter) => string = (p) => freshPathValue(p.schema),
): string {
  const byName = new Map(
    operation.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p]),
  );
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = byName.get(name) ?? { name, in: 'path' as const };
    return encodeURIComponent(value(parameter));
  });
}

export const label = (operation: Operation) => `${operation.method} ${operation.path}`;
