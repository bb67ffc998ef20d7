import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './outage.js';

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const failureOf = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

const serverError = (code: string, message: string) =>
  Object.assign(new pg.DatabaseError(message, message.length, 'error'), { code });

describe('isDatabaseUnavailable', () => {
  it('should see a refused connection through Drizzle', async () => {
    const pool = new pg.Pool({
      connectionString: `postgres://lectern:secret@127.0.0.1:${await closedPort()}/lectern`,
      connectionTimeoutMillis: 2000,
    });
    const error = await failureOf(() => drizzle({ client: pool }).execute(sql`select 1`));
    expect(isDatabaseUnavailable(error)).toBe(true);
    await pool.end();
    const ended = await failureOf(() => drizzle({ client: pool }).execute(sql`select 1`));
    expect(isDatabaseUnavailable(ended)).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['53300', 'sorry, too many clients already'],
  ])('should see the server error %s', (code, message) => {
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: serverError(code, message) }))).toBe(
      true,
    );
  });

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'PGlite is closed',
  ])('should see "%s"', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
  });

  it('should not take a failed query for an outage', () => {
    expect(isDatabaseUnavailable(serverError('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('22P02', 'invalid input syntax'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
