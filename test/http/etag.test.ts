import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { conventionRoutes } from './test-routes.js';

describe('ETags', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({}, { routes: conventionRoutes });
  });
  afterAll(() => t.close());

  describe('config.etag', () => {
    it('should tag a single-resource GET and answer a matching If-None-Match with 304', async () => {
      const first = await t.app.inject({ method: 'GET', url: '/test/items/1' });
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);

      const again = await t.app.inject({
        method: 'GET',
        url: '/test/items/1',
        headers: { 'if-none-match': `W/${etag}, "other"` },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
    });

    it('should send the body when the representation changed', async () => {
      const first = await t.app.inject({ method: 'GET', url: '/test/items/1' });
      const other = await t.app.inject({
        method: 'GET',
        url: '/test/items/2',
        headers: { 'if-none-match': first.headers.etag as string },
      });
      expect(other.statusCode).toBe(200);
      expect(other.headers.etag).not.toBe(first.headers.etag);
      expect(other.json().data.id).toBe('2');
    });

    it('should leave routes without the flag untagged', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/health' });
      expect(res.headers.etag).toBeUndefined();
    });
  });

  describe('sendWithEtag and If-Match', () => {
    it('should use the entity version as the ETag', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/test/versioned' });
      expect(res.headers.etag).toBe('"3"');
      const cached = await t.app.inject({
        method: 'GET',
        url: '/test/versioned',
        headers: { 'if-none-match': '"3"' },
      });
      expect(cached.statusCode).toBe(304);
    });

    it('should answer 412 VERSION_MISMATCH to a stale If-Match and apply a fresh one', async () => {
      const stale = await t.app.inject({
        method: 'PATCH',
        url: '/test/versioned',
        headers: { 'if-match': '"2"' },
      });
      expect(stale.statusCode).toBe(412);
      expect(stale.json().error.code).toBe('VERSION_MISMATCH');
      expect(stale.headers.etag).toBe('"3"');

      // If-Match compares strongly: a weak tag never matches, even of the current version.
      const weak = await t.app.inject({
        method: 'PATCH',
        url: '/test/versioned',
        headers: { 'if-match': 'W/"3"' },
      });
      expect(weak.statusCode).toBe(412);

      const fresh = await t.app.inject({
        method: 'PATCH',
        url: '/test/versioned',
        headers: { 'if-match': '"3"' },
      });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().data.name).toBe('v4');
    });

    it('should match a list when any member matches, and * whatever is current', async () => {
      const patch = (ifMatch: string) =>
        t.app.inject({ method: 'PATCH', url: '/test/versioned', headers: { 'if-match': ifMatch } });
      const current = (await t.app.inject({ method: 'GET', url: '/test/versioned' })).headers
        .etag as string;
      // Commas may sit inside an entity tag, and empty list members are allowed.
      expect((await patch(`"a,b", , W/"x", ${current}`)).statusCode).toBe(200);
      const any = await patch('*');
      expect(any.statusCode).toBe(200);
      const stale = await patch(`"x", ${current}`);
      expect(stale.statusCode).toBe(412);
      expect(stale.headers.etag).not.toBe(current);
      expect((await patch('"1",')).statusCode).toBe(412);
      for (const malformed of ['', ',', '"1" "2"', 'w/"1"', '"1', '**'])
        expectError(await patch(malformed), 400, 'INVALID_IF_MATCH');
    });

    it('should reject a malformed If-Match with 400 INVALID_IF_MATCH', async () => {
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/test/versioned',
        headers: { 'if-match': 'abc' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INVALID_IF_MATCH');
    });
  });
});
