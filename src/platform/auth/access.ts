import { forbidden, unauthorized } from '../errors/index.js';
import type { Permission } from './permissions.js';
import type { Principal } from './principal.js';

/** The caller, or a 401 when the request carried no credentials. */
export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw unauthorized();
  return principal;
}

export const hasPermission = (principal: Principal | null, permission: Permission): boolean =>
  principal?.permissions.has(permission) ?? false;

/** 403 unless the caller holds `permission`. */
export function assertPermission(principal: Principal | null, permission: Permission): Principal {
  const caller = requirePrincipal(principal);
  if (!caller.permissions.has(permission))
    throw forbidden(`This needs the permission ${permission}`, 'PERMISSION_DENIED');
  return caller;
}

/**
 * The one ownership rule: a caller may act on what they own, or on anyone's when they hold
 * `anyPermission` (e.g. `users:read` to see other users).
 */
export function assertCanActOn(
  principal: Principal | null,
  ownerId: string,
  anyPermission: Permission,
): Principal {
  const caller = requirePrincipal(principal);
  if (caller.userId === ownerId || caller.permissions.has(anyPermission)) return caller;
  throw forbidden(`This belongs to someone else and needs ${anyPermission}`, 'NOT_OWNER');
}

/** Whether the caller may act on something owned by `ownerId` (see `assertCanActOn`). */
export const canActOn = (principal: Principal | null, ownerId: string, anyPermission: Permission) =>
  !!principal && (principal.userId === ownerId || principal.permissions.has(anyPermission));
