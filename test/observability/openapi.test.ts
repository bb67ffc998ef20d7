import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_TYPES, VIDEO_TYPES } from '#modules/catalog/media/upload-policies.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { conventionRoutes } from '../http/test-routes.js';

describe('OpenAPI document', () => {
  let t: TestApp;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, read by path
  let doc: Record<string, any>;
  beforeAll(async () => {
    t = await buildTestApp({}, { routes: conventionRoutes });
    doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(() => t.close());

  it('should be a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('should declare the security schemes', () => {
    expect(Object.keys(doc.components.securitySchemes)).toEqual(
      expect.arrayContaining(['bearerAuth', 'apiKey', 'metricsToken']),
    );
  });

  it('should describe error responses with the shared envelope', () => {
    const ready = doc.paths['/ready'].get.responses;
    expect(ready['503'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorEnvelope',
    );
    expect(doc.components.schemas.ErrorEnvelope.properties.error.properties.code.examples).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('should carry request examples', () => {
    const login = doc.paths['/api/v1/auth/login']?.post;
    expect(login).toBeDefined();
    const body = login.requestBody.content['application/json'].schema;
    expect(JSON.stringify(body)).toContain('examples');
  });

  it('should document the probes outside /api/v1', () => {
    expect(doc.paths['/health'].get.tags).toEqual(['ops']);
    expect(doc.paths['/metrics'].get).toBeDefined();
  });

  // biome-ignore lint/suspicious/noExplicitAny: operations of the parsed document, read by path
  type Operation = Record<string, any>;
  const operations = (): Array<[string, Operation]> =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method))
        .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
    );

  it('should mark the defaulted limit of every list optional', () => {
    type Parameter = {
      in: string;
      name: string;
      required?: boolean;
      schema: { default?: unknown };
    };
    const limits = operations().flatMap(([name, op]) =>
      ((op.parameters ?? []) as Parameter[])
        .filter((p) => p.in === 'query' && p.name === 'limit')
        .map((p) => ({ name, required: p.required ?? false, byDefault: p.schema.default })),
    );
    expect(limits.length).toBeGreaterThanOrEqual(10);
    for (const limit of limits)
      expect(limit).toEqual({ name: limit.name, required: false, byDefault: 20 });
  });

  it('should document 429, 500 and 503 with the error envelope on every operation', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(50);
    for (const [name, op] of all) {
      for (const status of ['429', '500', '503']) {
        const schema = op.responses?.[status]?.content?.['application/json']?.schema;
        expect({ name, status, ref: schema?.$ref }).toEqual({
          name,
          status,
          ref: '#/components/schemas/ErrorEnvelope',
        });
      }
    }
  });

  it('should document the media types /files sends, and its 206, 304 and 416', () => {
    const responses = doc.paths['/api/v1/files/{id}'].get.responses;
    const served = [...VIDEO_TYPES, ...IMAGE_TYPES].sort();
    expect(Object.keys(responses['200'].content).sort()).toEqual(served);
    expect(Object.keys(responses['206'].content).sort()).toEqual(served);
    expect(responses['304']).toBeDefined();
    expect(responses['416'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorEnvelope',
    );
  });

  it('should document /metrics in the content type it is sent with', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(Object.keys(doc.paths['/metrics'].get.responses['200'].content)).toEqual([
      res.headers['content-type'],
    ]);
  });
});
