/**
 * Every permission is `resource:action`. Roles are sets of permissions, declared here and
 * nowhere else; a route names the permission it needs in its `config.permission`.
 */
export const PERMISSIONS = [
  'account:read',
  'account:manage',
  'learning:read',
  'users:read',
  'users:manage',
  'roles:manage',
  'audit:read',
  'apikeys:manage',
  'sessions:manage',
  'jobs:read',
  'jobs:manage',
  'events:read',
  'webhooks:manage',
  'courses:read',
  'courses:create',
  'courses:manage',
  'courses:manage_any',
  'enrolments:create',
  'enrolments:read_any',
  'timetables:read',
  'timetables:manage',
  'engagement:read',
  'engagement:manage',
  'archive:read',
  'archive:upload',
  'archive:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/**
 * What every signed-in user may do with their own account, whatever their roles: see (and end)
 * their sessions, API keys and jobs; read their enrolments, progress and enrolled lessons. Users
 * hold these implicitly; an API key only when they are among its scopes, so a key made to read
 * the catalog cannot act on its owner's identity.
 */
export const OWN_ACCOUNT: readonly Permission[] = [
  'account:read',
  'account:manage',
  'learning:read',
];

export const ROLES = ['admin', 'staff', 'instructor', 'learner'] as const;
export type Role = (typeof ROLES)[number];

const LEARNER: Permission[] = [
  'courses:read',
  'enrolments:create',
  'timetables:read',
  'archive:read',
];
const INSTRUCTOR: Permission[] = [
  ...LEARNER,
  'courses:create',
  'courses:manage',
  'engagement:read',
  'archive:upload',
];
const STAFF: Permission[] = [
  ...INSTRUCTOR,
  'users:read',
  'courses:manage_any',
  'enrolments:read_any',
  'timetables:manage',
  'engagement:manage',
  'archive:manage',
  'jobs:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  learner: LEARNER,
  instructor: INSTRUCTOR,
  staff: STAFF,
  admin: PERMISSIONS,
};

/** What a user with these roles holds: `OWN_ACCOUNT` and the union of the roles' permissions. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set([...OWN_ACCOUNT, ...roles.flatMap((role) => ROLE_PERMISSIONS[role])]);
}

export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);
export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
