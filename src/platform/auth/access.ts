import { forbidden, unauthorized } from '../errors/index.js';
import type { Permission } from './permissions.js';
import type { Principal } from './principal.js';

/**
 * The caller convention of every service function: `auth: Principal | null` first. `null` is
 * nobody signed in, an anonymous request or the system itself (CLI, seeds, jobs); a function
 * that needs a person throws 401 for it.
 */
export type Auth = Principal | null;

/** The caller, or a 401 when the request carried no credentials. */
export function requirePrincipal(principal: Auth): Principal {
  if (!principal) throw unauthorized();
  return principal;
}

/** Something with an owner: a caller may act on what they own (see `requireAccess`). */
export interface Owned {
  ownerId: string | null;
}

const holdsAny = (caller: Principal, permissions: readonly Permission[]) =>
  permissions.some((p) => caller.permissions.has(p));

/**
 * Whether the caller holds one of `permission`, or owns `target` when one is given
 * (see `requireAccess`).
 */
export function mayAccess(
  auth: Auth,
  permission: Permission | readonly Permission[],
  target?: Owned,
): boolean {
  if (!auth) return false;
  if (target && target.ownerId !== null && target.ownerId === auth.userId) return true;
  return holdsAny(auth, [permission].flat());
}

/**
 * The one access rule of the platform services, their first line: the caller must hold
 * `permission` (one of them, for a list), unless they own `target`. 401 without a caller;
 * 403 `PERMISSION_DENIED`, or `NOT_OWNER` when the target is someone else's.
 */
export function requireAccess(
  auth: Auth,
  permission: Permission | readonly Permission[],
  target?: Owned,
): Principal {
  const caller = requirePrincipal(auth);
  if (mayAccess(caller, permission, target)) return caller;
  const needed = [permission].flat().join(' or ');
  if (target) throw forbidden(`This belongs to someone else and needs ${needed}`, 'NOT_OWNER');
  throw forbidden(`This needs the permission ${needed}`, 'PERMISSION_DENIED');
}

/**
 * Sessions and API keys are managed by people signed in, not by integrations: 403
 * `USER_SESSION_REQUIRED` for an API key. The route option `sessionOnly` applies this same rule.
 */
export function requireUserSession(auth: Auth): Principal & { sessionId: string } {
  const caller = requirePrincipal(auth);
  if (caller.type !== 'user' || !caller.sessionId)
    throw forbidden('This needs a signed-in session, not an API key', 'USER_SESSION_REQUIRED');
  return caller as Principal & { sessionId: string };
}

export const hasPermission = (principal: Auth, permission: Permission): boolean =>
  principal?.permissions.has(permission) ?? false;
