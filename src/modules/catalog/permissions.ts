import { definePermissions, type PermissionNames } from '#platform/auth/permissions.js';

export const catalogPermissions = definePermissions({
  owner: 'catalog',
  names: [
    'courses:read',
    'courses:create',
    'courses:manage',
    'courses:manage_any',
    'enrolments:create',
    'enrolments:read_any',
  ],
  grants: {
    learner: ['courses:read', 'enrolments:create'],
    instructor: ['courses:create', 'courses:manage'],
    staff: ['courses:manage_any', 'enrolments:read_any'],
  },
});

declare module '#platform/auth/permissions.js' {
  interface PermissionRegistry extends PermissionNames<typeof catalogPermissions> {}
}
