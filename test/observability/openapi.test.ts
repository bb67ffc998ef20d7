import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
