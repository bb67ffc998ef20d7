import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'];

interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
}
type Compile = (route: RouteSchema) => unknown;
type BuildCompiler = (
  externalSchemas: unknown,
  options: { customOptions?: Record<string, unknown> } & Record<string, unknown>,
) => Compile;

// Fastify's own compiler, resolved from Fastify (it is its dependency, not ours): the same Ajv
// version, defaults, formats and shared-schema handling as every Fastify app gets.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const AjvCompiler = fromFastify('@fastify/ajv-compiler') as () => BuildCompiler;

/**
 * A validator per HTTP part: JSON bodies are validated as sent (`{"title": 12345}` is a 400, a
 * JSON `null` stays `null`), while query strings, path parameters and headers, which only carry
 * text, are still coerced (`?limit=10`, `?mine=true`). Both Ajv instances get the app's options
 * and every schema added with `addSchema`.
 */
export function validatorPerHttpPart(): ValidatorFactory {
  const build = AjvCompiler();
  const factory: BuildCompiler = (externalSchemas, options) => {
    const coercing = build(externalSchemas, options);
    const exact = build(externalSchemas, {
      ...options,
      customOptions: { ...options?.customOptions, coerceTypes: false },
    });
    return (route) => (route.httpPart === 'body' ? exact : coercing)(route);
  };
  return factory as unknown as ValidatorFactory;
}
