import { definePermissions, type PermissionNames } from '#platform/auth/permissions.js';

export const timetablingPermissions = definePermissions({
  owner: 'timetabling',
  names: ['timetables:read', 'timetables:manage'],
  grants: { learner: ['timetables:read'], staff: ['timetables:manage'] },
});

declare module '#platform/auth/permissions.js' {
  interface PermissionRegistry extends PermissionNames<typeof timetablingPermissions> {}
}
