import { definePermissions, type PermissionNames } from '#platform/auth/permissions.js';

export const archivePermissions = definePermissions({
  owner: 'archive',
  names: ['archive:read', 'archive:upload', 'archive:manage'],
  grants: { learner: ['archive:read'], instructor: ['archive:upload'], staff: ['archive:manage'] },
});

declare module '#platform/auth/permissions.js' {
  interface PermissionRegistry extends PermissionNames<typeof archivePermissions> {}
}
