import { Type } from 'typebox';
import { ROLES } from '../auth/permissions.js';
import { literalUnion } from '../http/literal-union.js';
import { LimitQuerySchema } from '../http/pagination.js';

export const RoleSchema = literalUnion(ROLES, { description: 'a role', examples: ['learner'] });

export const UserSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String({ examples: ['ada@example.org'] }),
    name: Type.String({ examples: ['Ada Lovelace'] }),
    roles: Type.Array(Type.String(), { examples: [['learner']] }),
    disabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    version: Type.Integer({ minimum: 1 }),
  },
  { title: 'User' },
);

export const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListUsersQuery = Type.Object(
  {
    ...LimitQuerySchema.properties,
    role: Type.Optional(RoleSchema),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'part of the email or name' }),
    ),
  },
  { additionalProperties: false },
);

export const SetRolesBody = Type.Object(
  {
    roles: Type.Array(RoleSchema, {
      maxItems: ROLES.length,
      uniqueItems: true,
      examples: [['instructor']],
    }),
  },
  { additionalProperties: false },
);
