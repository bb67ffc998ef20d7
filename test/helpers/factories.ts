import { randomUUID } from 'node:crypto';
import type { Role } from '#platform/auth/permissions.js';
import { createUser } from '#platform/users/index.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'Tr0ub4dor&3-horse';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header for this user's access token. */
  auth: { authorization: string };
}

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@example.org`;

/** Creates a user with the given roles directly (no sign-up) and signs them in. */
export async function createUserAndLogin(
  t: TestApp,
  roles: Role[] = ['learner'],
  { email = uniqueEmail(roles[0] ?? 'user'), name = 'Test User' } = {},
): Promise<TestUser> {
  const user = await createUser(t.database.db, { email, password: PASSWORD, name, roles });
  const tokens = await login(t, email, PASSWORD);
  return { id: user.id, email, password: PASSWORD, ...tokens };
}

/** Signs in through the API; fails the test when it does not succeed. */
export async function login(t: TestApp, email: string, password: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const { accessToken, refreshToken } = res.json().data;
  return { accessToken, refreshToken, auth: { authorization: `Bearer ${accessToken}` } };
}

/** Number of rows in a table (to check that refused requests changed nothing). */
export async function countRows(t: TestApp, table: string): Promise<number> {
  const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return row.n;
}

/** Audit rows of an action, oldest first. */
export async function auditRows(t: TestApp, action: string) {
  return t.database.query<{
    actor_id: string | null;
    actor_type: string;
    action: string;
    resource_type: string;
    resource_id: string | null;
    outcome: string;
    request_id: string | null;
    ip: string | null;
    details: Record<string, unknown> | null;
  }>('select * from audit_log where action = $1 order by id', [action]);
}

/** Every log line as text, to check secrets never reach the logs. */
export const allLogText = (t: TestApp) => t.logs.map((l) => JSON.stringify(l)).join('\n');

interface InjectResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}

/** Asserts a failure envelope with this status and code; returns the error for more checks. */
export function expectError(res: InjectResponse, status: number, code: string) {
  const body = res.json() as {
    ok: boolean;
    error: { code: string; message: string; details?: Array<{ path?: string; message: string }> };
    requestId: string;
  };
  if (res.statusCode !== status || body.error?.code !== code)
    throw new Error(`expected ${status} ${code}, got ${res.statusCode} ${JSON.stringify(body)}`);
  if (body.ok !== false || typeof body.error.message !== 'string' || !body.requestId)
    throw new Error(`not a failure envelope: ${JSON.stringify(body)}`);
  if (body.requestId !== res.headers['x-request-id'])
    throw new Error('the envelope requestId differs from X-Request-Id');
  return body.error;
}
