import { afterAll, beforeAll } from 'vitest';
import type { Role } from '#platform/auth/permissions.js';
import { type ApiClient, apiClient } from './api-client.js';
import { createUserAndLogin, type TestUser } from './factories.js';
import { buildTestApp, type TestApp, type TestAppOptions } from './test-app.js';

/** A well-formed id that no row has. */
export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

/** A user to sign in: a role, or a role and a display name. */
export type UserSpec = Role | { role: Role; name: string };

/** The users most catalog tests need: a course's owner, an instructor outside it, staff, a learner. */
export const OWNER_OTHER_STAFF_LEARNER = {
  owner: 'instructor',
  otherInstructor: 'instructor',
  staff: 'staff',
  learner: 'learner',
} as const satisfies Record<string, UserSpec>;

export type CatalogTestApp<U extends Record<string, UserSpec>> = {
  t: TestApp;
  api: ApiClient;
} & { readonly [K in keyof U]: TestUser };

/**
 * Registers the hooks of a catalog test file: `beforeAll` builds the app (with `env` and
 * `options`, e.g. a test clock) and signs
 * in one user per entry of `users`, in their order; `afterAll` closes the app.
 *
 * Each fixture is one object filled in place by `beforeAll`, so a file can destructure them at
 * the top (`const { t, api, owner } = useCatalogTestApp(…)`) and use them in its tests.
 */
export function useCatalogTestApp<const U extends Record<string, UserSpec>>(
  users: U,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): CatalogTestApp<U> {
  const t = {} as TestApp;
  const signedIn = Object.fromEntries(Object.keys(users).map((key) => [key, {} as TestUser]));
  beforeAll(async () => {
    Object.assign(t, await buildTestApp(env, options));
    for (const [key, spec] of Object.entries(users)) {
      const { role, name } = typeof spec === 'string' ? { role: spec, name: undefined } : spec;
      Object.assign(signedIn[key]!, await createUserAndLogin(t, [role], name ? { name } : {}));
    }
  });
  afterAll(() => t.close());
  return { t, api: apiClient(t), ...signedIn } as CatalogTestApp<U>;
}
