import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertPublishedCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID, useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { expectError } from '../helpers/factories.js';

const { t, api, admin, owner, learner } = useCatalogTestApp({
  admin: 'admin',
  owner: 'instructor',
  learner: 'learner',
});

/** A cursor in the unsigned shape lists wrote before: base64url JSON that reaches the database. */
const forged = (position: unknown) =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

const CRAFTED = {
  garbage: '!!!not-base64!!!',
  'base64 of garbage': Buffer.from([0xff, 0xfe, 0x00, 0x13]).toString('base64url'),
  'JSON with wrong types': forged({ s: 'newest', k: 12, id: 7, p: 'x' }),
  'a NaN rank': forged({ s: 'relevance', k: 'NaN', id: randomUUID() }),
  'a rank that is no number': forged({ s: 'relevance', k: 'abc', id: randomUUID() }),
  'an invalid date': forged({ s: 'newest', k: '2016-13-45 99:99:99+00', id: randomUUID() }),
  'an invalid rating': forged({ s: 'rating', k: 'five', id: randomUUID() }),
  'a non-UUID id': forged({ s: 'title', k: 'a', id: 'not-a-uuid', p: 1 }),
  'a well-formed id cursor': forged({ id: randomUUID() }),
  'a well-formed category cursor': forged({ p: 0, id: 'zzzz' }),
  'an array': forged([1, 2]),
  'a huge string': 'a'.repeat(20_000),
} as const;

const lists = () => [
  { url: '/courses?sort=newest' },
  { url: '/courses?sort=title' },
  { url: '/courses?sort=rating' },
  { url: '/courses?sort=relevance&q=course' },
  { url: '/categories' },
  { url: '/me/courses', user: learner },
  { url: `/courses/${UNKNOWN_ID}/reviews` },
  { url: `/courses/${UNKNOWN_ID}/quizzes`, user: owner },
  { url: `/quizzes/${UNKNOWN_ID}/attempts`, user: learner },
  { url: '/users', user: admin },
  { url: '/auth/sessions', user: learner },
  { url: '/api-keys', user: learner },
  { url: '/audit', user: admin },
  { url: '/events', user: admin },
  { url: '/jobs', user: admin },
  { url: '/webhooks', user: admin },
  { url: `/webhooks/${UNKNOWN_ID}/deliveries`, user: admin },
];

const withCursor = (url: string, cursor: string) =>
  `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;

describe('crafted cursors', () => {
  it.each(Object.entries(CRAFTED))(
    'should answer %s with 400 INVALID_CURSOR on every list',
    async (_name, cursor) => {
      for (const { url, user } of lists()) {
        const res = await api.get(withCursor(url, cursor), user);
        const error = expectError(res, 400, 'INVALID_CURSOR');
        expect(error.details?.[0]?.path, url).toBe('/querystring/cursor');
      }
    },
  );

  it('should refuse a cursor whose position was changed, and follow the one it issued', async () => {
    for (let i = 0; i < 3; i++) await insertPublishedCourse(t, owner.id);
    const first = await api.get('/courses?sort=newest&limit=1');
    const cursor: string = first.json().meta.nextCursor;
    const [payload, mac] = cursor.split('.');
    const position = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = `${forged({ ...position, k: 'not a date' })}.${mac}`;
    expectError(
      await api.get(withCursor('/courses?sort=newest&limit=1', tampered)),
      400,
      'INVALID_CURSOR',
    );
    const second = await api.get(withCursor('/courses?sort=newest&limit=1', cursor));
    expect(second.statusCode).toBe(200);
    expect(second.json().data[0].id).not.toBe(first.json().data[0].id);
  });

  it('should not reach the database with them: no error is logged', () => {
    const errors = t.logs.filter((line) => Number(line.level) >= 50);
    expect(errors).toEqual([]);
  });
});
