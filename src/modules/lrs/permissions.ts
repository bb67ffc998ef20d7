import { definePermissions, type PermissionNames } from '#platform/auth/permissions.js';

/**
 * The LRS's scopes. Learning tools write statements with a key carrying `xapi:write`; reading
 * the store back exposes every learner's record, so it is for staff (and admins, who hold every
 * permission). Instructors get neither: an instructor's key would read all courses' learners.
 */
export const lrsPermissions = definePermissions({
  owner: 'lrs',
  names: ['xapi:read', 'xapi:write'],
  grants: { staff: ['xapi:read', 'xapi:write'] },
});

declare module '#platform/auth/permissions.js' {
  interface PermissionRegistry extends PermissionNames<typeof lrsPermissions> {}
}
