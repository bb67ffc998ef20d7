/**
 * Every permission is `resource:action`. Roles are sets of permissions: the platform declares
 * its own permissions here, each module declares its own in its manifest, and the start merges
 * them (`installPermissions`). A route names the permission it needs in its `config.permission`.
 */
export const ROLES = ['admin', 'staff', 'instructor', 'learner'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that are granted permissions one by one; admin holds every permission. */
export type GrantedRole = Exclude<Role, 'admin'>;

/** Each role holds what the roles before it hold: learner ⊂ instructor ⊂ staff ⊂ admin. */
const ROLE_LADDER: readonly GrantedRole[] = ['learner', 'instructor', 'staff'];

/** Permissions someone declares (the platform or one module), and what each role gains. */
export interface PermissionSet<P extends string = string> {
  /** `platform` or the module's name: named in the error when two declare one permission. */
  owner: string;
  names: readonly P[];
  /** What a role gains at its level of the ladder (it also holds the lower roles' grants). */
  grants: Partial<Record<GrantedRole, readonly P[]>>;
}

/** Declares a permission set, keeping its names as literal types for `PermissionRegistry`. */
export const definePermissions = <const P extends string>(set: PermissionSet<P>) => set;

/** The names of a permission set, as the keys a module adds to `PermissionRegistry`. */
export type PermissionNames<S extends PermissionSet> = Record<S['names'][number], true>;

export const PLATFORM_PERMISSIONS = definePermissions({
  owner: 'platform',
  names: [
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
    'llm:read',
  ],
  grants: {
    staff: ['users:read', 'jobs:read'],
  },
});

/**
 * Every permission name, as keys. Modules add theirs by augmenting this interface
 * (`declare module '#platform/auth/permissions.js'`), so `Permission` stays a checked union.
 */
export interface PermissionRegistry extends PermissionNames<typeof PLATFORM_PERMISSIONS> {}

export type Permission = keyof PermissionRegistry & string;

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

interface PermissionModel {
  all: readonly Permission[];
  roles: Record<Role, readonly Permission[]>;
}

function buildModel(sets: readonly PermissionSet[]): PermissionModel {
  const all = sets.flatMap((set) => set.names) as Permission[];
  const roles = { admin: all } as Record<Role, Permission[]>;
  let below: Permission[] = [];
  for (const role of ROLE_LADDER) {
    below = [...below, ...(sets.flatMap((set) => set.grants[role] ?? []) as Permission[])];
    roles[role] = below;
  }
  return { all, roles };
}

let model = buildModel([PLATFORM_PERMISSIONS]);

/**
 * Makes these sets (the platform's and every module's, already checked for duplicates by the
 * module registry) the permissions of the process. Called at start, before any route exists.
 */
export function installPermissions(sets: readonly PermissionSet[]): void {
  model = buildModel(sets);
}

/** Every permission of the process, the platform's first. */
export const allPermissions = (): readonly Permission[] => model.all;

/** What a role holds by itself (without `OWN_ACCOUNT`). */
export const permissionsOfRole = (role: Role): readonly Permission[] => model.roles[role];

/** What a user with these roles holds: `OWN_ACCOUNT` and the union of the roles' permissions. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set([...OWN_ACCOUNT, ...roles.flatMap((role) => model.roles[role])]);
}

export const isPermission = (value: string): value is Permission =>
  (model.all as readonly string[]).includes(value);
export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);
