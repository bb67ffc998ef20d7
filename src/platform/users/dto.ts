import type { Static } from 'typebox';
import type { UserRow } from './repository.js';
import type { UserSchema } from './schemas.js';

export type UserDto = Static<typeof UserSchema>;

/** The public shape of a user: never the password hash. */
export function toUserDto(row: UserRow): UserDto {
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
