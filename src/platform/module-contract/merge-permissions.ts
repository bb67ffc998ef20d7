import {
  installPermissions,
  type PermissionSet,
  PLATFORM_PERMISSIONS,
} from '../auth/permissions.js';
import type { ModuleManifest } from './manifest.js';

/**
 * The platform's permissions and every module's, checked: a name declared twice, or a role
 * granted a name its set does not declare, stops the start with an error naming both owners.
 */
export function mergePermissions(manifests: readonly ModuleManifest[]): PermissionSet[] {
  const sets = [PLATFORM_PERMISSIONS, ...manifests.flatMap((m) => m.permissions ?? [])];
  const owners = new Map<string, string>();
  for (const set of sets) {
    for (const name of set.names) {
      const owner = owners.get(name);
      if (owner)
        throw new Error(
          `Permission "${name}" is declared by both ${owner} and ${set.owner}: each permission has one owner`,
        );
      owners.set(name, set.owner);
    }
    for (const granted of Object.values(set.grants).flat())
      if (!set.names.includes(granted))
        throw new Error(`${set.owner} grants "${granted}", which it does not declare`);
  }
  return sets;
}

/** Merges the permissions and makes them the process's (roles, `permissionsOf`, API-key scopes). */
export function usePermissions(manifests: readonly ModuleManifest[]): void {
  installPermissions(mergePermissions(manifests));
}
