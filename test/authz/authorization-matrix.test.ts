import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Permission, permissionsOf, ROLES, type Role } from '#platform/auth/permissions.js';
import { createUserAndLogin, login, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { label, type Operation, operationsOf, urlOf } from '../openapi/operations.js';

// Generated from the OpenAPI document (each operation's `x-access`, written by the
// authentication hook from the route's config) and the permission table: a route added by any
// module joins the matrix by itself, and one without a declaration fails it.

let t: TestApp;
let operations: Operation[];
const sessions = new Map<Role, TestUser>();
/** API keys holding one permission each: a key whose scope a route does not ask for lacks it. */
const keys = new Map<Permission, string>();
const KEY_SCOPES: Permission[] = ['audit:read', 'jobs:read'];

beforeAll(async () => {
  t = await buildTestApp();
  operations = operationsOf(t);
  for (const role of ROLES) sessions.set(role, await createUserAndLogin(t, [role]));
  for (const scope of KEY_SCOPES) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: sessions.get('admin')?.auth,
      payload: { name: `matrix ${scope}`, scopes: [scope] },
    });
    if (res.statusCode !== 201) throw new Error(`api key: ${res.statusCode} ${res.body}`);
    keys.set(scope, res.json().data.key);
  }
}, 120_000);
afterAll(() => t?.close());

type Caller =
  | { kind: 'anonymous' }
  | { kind: 'role'; role: Role }
  | { kind: 'key'; scope: Permission };

const describeCaller = (c: Caller) =>
  c.kind === 'anonymous' ? 'anonymous' : c.kind === 'role' ? c.role : `API key [${c.scope}]`;

async function call(operation: Operation, caller: Caller) {
  // The dashboard's CSRF header: without it the cookie-session routes refuse before authorization.
  const headers: Record<string, string> = { 'x-lectern-csrf': '1' };
  if (caller.kind === 'role') Object.assign(headers, sessions.get(caller.role)?.auth);
  if (caller.kind === 'key') headers['x-api-key'] = keys.get(caller.scope) ?? '';
  const send = () =>
    t.app.inject({
      method: operation.method as 'GET',
      url: urlOf(operation),
      headers,
      ...(operation.body && !operation.multipart ? { payload: {} } : {}),
    });
  let res = await send();
  // An earlier operation (sign-out, ending sessions) may have revoked this caller's own session:
  // sign in again, once, only when the token itself is what was refused.
  if (res.statusCode === 401 && caller.kind === 'role') {
    const user = sessions.get(caller.role) as TestUser;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.auth });
    if (me.statusCode === 401) {
      const fresh = { ...user, ...(await login(t, user.email, user.password)) };
      sessions.set(caller.role, fresh);
      Object.assign(headers, fresh.auth);
      res = await send();
    }
  }
  return res;
}

/** What the declaration says each caller gets: a status, or `allowed` (anything but 401/403). */
function expected(operation: Operation, caller: Caller): 401 | 403 | 'allowed' | 'unchecked' {
  const access = operation.access;
  if (!access) return 'unchecked';
  if (access.kind === 'public') return 'allowed';
  if (caller.kind === 'anonymous') return 401;
  if (access.kind === 'authenticated')
    // The service may ask for more of a key or a role; the guard promises only this much.
    return caller.kind === 'role' && caller.role === 'admin' ? 'allowed' : 'unchecked';
  if (access.kind === 'session') return caller.kind === 'key' ? 403 : 'allowed';
  if (access.kind !== 'permission') return 'unchecked';
  const needed = (access.permissions ?? []) as Permission[];
  if (caller.kind === 'key')
    return access.session || !needed.includes(caller.scope) ? 403 : 'allowed';
  const held = permissionsOf([caller.role]);
  return needed.some((p) => held.has(p)) ? 'allowed' : 403;
}

/** Codes with which the guards refuse a caller: never for one the declaration lets in. */
const GUARD_CODES = new Set(['PERMISSION_DENIED', 'USER_SESSION_REQUIRED', 'UNAUTHORIZED']);

/**
 * Past the guard, a service may still refuse a resource-level request (someone else's, a
 * course one does not teach: `NOT_OWNER`, …) with a 403 of its own; an admin, who holds every
 * permission, never gets a 403 at all.
 */
function allowedAnswer(res: { statusCode: number; json(): unknown }, caller: Caller): boolean {
  if (res.statusCode !== 401 && res.statusCode !== 403) return true;
  const code = (res.json() as { error?: { code?: string } }).error?.code ?? '';
  // A route whose credential is its own (the cookie session's refresh cookie) answers 401 with a
  // code of its own when that credential is missing; only the guards' 401 breaks a declaration.
  if (res.statusCode === 401) return code === 'NO_SESSION_COOKIE';
  if (caller.kind === 'role' && caller.role === 'admin') return false;
  return !GUARD_CODES.has(code);
}

const callers: Caller[] = [
  { kind: 'anonymous' },
  ...ROLES.map((role) => ({ kind: 'role', role }) as const),
  ...KEY_SCOPES.map((scope) => ({ kind: 'key', scope }) as const),
];

describe('authorization matrix (every OpenAPI operation × caller, from x-access)', () => {
  it('should declare who may call every operation', () => {
    const undeclared = operations
      .filter((o) => !o.access || o.access.kind === 'undeclared')
      .map(label);
    expect(operations.length).toBeGreaterThan(50);
    expect(undeclared).toEqual([]);
  });

  it('should answer every caller as the declaration says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const operation of operations) {
      if (operation.access?.kind === 'operational') continue;
      for (const caller of callers) {
        const want = expected(operation, caller);
        if (want === 'unchecked') continue;
        const res = await call(operation, caller);
        checked++;
        const got = res.statusCode;
        const ok = want === 'allowed' ? allowedAnswer(res, caller) : got === want;
        if (!ok)
          mismatches.push(
            `${label(operation)} as ${describeCaller(caller)}: want ${want}, got ${got} ${res.body.slice(0, 160)}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(operations.length * 2);
  }, 240_000);
});

describe('authorization matrix: an operation without a declaration', () => {
  it('should be listed as undeclared, so the matrix fails for it', async () => {
    const extra = await buildTestApp(
      {},
      { routes: (app) => app.get('/extra-undeclared', async () => ({})) },
    );
    try {
      const operation = operationsOf(extra).find((o) => o.path === '/extra-undeclared');
      expect(operation?.access).toEqual({ kind: 'undeclared' });
    } finally {
      await extra.close();
    }
  });
});
