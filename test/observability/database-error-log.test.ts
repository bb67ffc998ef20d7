import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const EMAIL = 'victim-4f1c@example.org';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0c2FsdA$c2VjcmV0aGFzaHZhbHVl';

describe('database errors in the log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(
      {},
      {
        routes: (app) => {
          // A statement that fails on its values, as a bug in a repository would.
          app.get('/test/failing-query', async () =>
            app.lectern.database.db.execute(
              sql`select ${EMAIL}::uuid as id, ${HASH}::text as hash, ${'hash'}::int as n`,
            ),
          );
        },
      },
    );
  });
  afterAll(() => t.close());

  it('should log the SQL of a failed statement but none of its parameter values', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/failing-query' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('select');
    const line = t.logs.find((l) => l.msg === 'unhandled error');
    const err = line?.err as { message: string; stack: string; query?: string } | undefined;
    // A value that is also a word of the SQL ('hash') leaves the SQL alone.
    expect(err?.message).toContain(
      'Failed query: select $1::uuid as id, $2::text as hash, $3::int as n',
    );
    expect(err?.query).toContain('$1::uuid');
    const written = JSON.stringify(t.logs);
    expect(written).not.toContain(EMAIL);
    expect(written).not.toContain(HASH);
    expect(written).not.toContain('params:');
    // The driver's own message quoted the value; it is redacted there too.
    expect(err?.message).toContain('invalid input syntax for type uuid: "[redacted]"');
  });
});
