/**
 * Every permission is `resource:action`. Roles are sets of permissions, declared here and
 * nowhere else; a route names the permission it needs in its `config.permission`.
 */
export const PERMISSIONS = [
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

/** The union of the permissions of some roles. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export const isPermission = (value: string): value is Permission =>
  (PERMISSIONS as readonly string[]).includes(value);
export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
