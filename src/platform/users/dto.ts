import type { UserRow } from './repository.js';

/** The public shape of a user: never the password hash. */
export function toUserDto(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export type UserDto = ReturnType<typeof toUserDto>;
