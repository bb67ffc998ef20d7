import fc from 'fast-check';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '#platform/errors/index.js';
import { PageEnvelope } from '#platform/http/envelope.js';
import {
  decodeCursor,
  decodeStringCursor,
  encodeCursor,
  LimitQuerySchema,
  pageOf,
  sendPage,
} from '#platform/http/pagination.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const ITEMS = Array.from({ length: 45 }, (_, i) => ({ id: `item-${String(i).padStart(2, '0')}` }));

describe('cursors', () => {
  it('should decode what it encoded', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), (position) => {
        expect(decodeCursor(encodeCursor(position))).toEqual(position);
      }),
    );
  });

  it.each(['!!!', 'bm90IGpzb24', encodeCursor({}).replace(/./g, '_'), 'WzEsMl0'])(
    'should reject %s with INVALID_CURSOR',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(
        expect.objectContaining({ code: 'INVALID_CURSOR', kind: 'validation' }),
      );
    },
  );

  it('should reject a cursor whose fields are not strings', () => {
    expect(() => decodeStringCursor(encodeCursor({ id: 5 }), ['id'])).toThrow(AppError);
  });

  it('should point after the last row when there is one more', () => {
    const page = pageOf(ITEMS.slice(0, 11), 10, (last) => ({ id: last.id }));
    expect(page.items).toHaveLength(10);
    expect(decodeCursor(page.nextCursor!)).toEqual({ id: 'item-09' });
    expect(pageOf(ITEMS.slice(0, 10), 10, (l) => l)).toEqual({
      items: ITEMS.slice(0, 10),
      nextCursor: null,
    });
  });
});

describe('a paginated list route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(
      {},
      {
        routes: (app) =>
          app.get(
            '/test/list',
            {
              schema: {
                querystring: LimitQuerySchema,
                response: { 200: PageEnvelope(Type.Object({ id: Type.String() })) },
              },
            },
            async (request, reply) => {
              const { limit, cursor } = request.query;
              const after = cursor ? decodeStringCursor(cursor, ['id']).id : '';
              const rows = ITEMS.filter((i) => i.id > after).slice(0, limit + 1);
              return sendPage(
                request,
                reply,
                pageOf(rows, limit, (last) => ({ id: last.id })),
                limit,
              );
            },
          ),
      },
    );
  });
  afterAll(() => t.close());

  it('should walk every item once by following the Link header', async () => {
    const seen: string[] = [];
    let url: string | null = '/test/list?limit=20';
    while (url) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.data.map((i: { id: string }) => i.id));
      const link = res.headers.link as string | undefined;
      expect(link === undefined).toBe(body.meta.nextCursor === null);
      url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null;
    }
    expect(seen).toEqual(ITEMS.map((i) => i.id));
  });

  it('should default the limit to 20', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/list' });
    expect(res.json().meta.limit).toBe(20);
  });

  it.each(['0', '101', 'x'])('should reject limit=%s', async (limit) => {
    const res = await t.app.inject({ method: 'GET', url: `/test/list?limit=${limit}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('/querystring/limit');
  });

  it('should answer a forged cursor with 400 INVALID_CURSOR', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/list?cursor=abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_CURSOR');
  });
});
