import { definePermissions, type PermissionNames } from '#platform/auth/permissions.js';

/**
 * Taken over from the platform, which reserved them (API keys may already carry them as scopes),
 * with the same grants: instructors read their courses' learners, staff read and manage all.
 */
export const engagementPermissions = definePermissions({
  owner: 'engagement',
  names: ['engagement:read', 'engagement:manage'],
  grants: {
    instructor: ['engagement:read'],
    staff: ['engagement:manage'],
  },
});

declare module '#platform/auth/permissions.js' {
  interface PermissionRegistry extends PermissionNames<typeof engagementPermissions> {}
}
