import { Type } from 'typebox';
import { LimitQuerySchema } from '../http/pagination.js';
import { UserSchema } from '../users/schemas.js';
import { PASSWORD_MAX_LENGTH } from './passwords.js';

const Email = Type.String({
  format: 'email',
  minLength: 3,
  maxLength: 254,
  examples: ['ada@example.org'],
});

export const SignupBody = Type.Object(
  {
    email: Email,
    // The length rule is enforced with the common-password check (400 WEAK_PASSWORD), so only
    // an upper bound here: it keeps hashing cost bounded.
    password: Type.String({
      minLength: 1,
      maxLength: PASSWORD_MAX_LENGTH,
      description: 'at least 10 characters, not a commonly used password',
      examples: ['correct horse battery staple'],
    }),
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', examples: ['Ada Lovelace'] }),
  },
  { additionalProperties: false },
);

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254, examples: ['ada@example.org'] }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Type.String({
      minLength: 1,
      maxLength: PASSWORD_MAX_LENGTH,
      description: 'at least 10 characters, not a commonly used password',
    }),
  },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const TokensSchema = Type.Object(
  {
    accessToken: Type.String({ description: 'JWT for `Authorization: Bearer …`' }),
    refreshToken: Type.String({
      description: 'single-use; exchange at /auth/refresh for a new pair',
    }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'access token lifetime in seconds', examples: [900] }),
    user: UserSchema,
  },
  { title: 'Tokens' },
);

export const MeSchema = Type.Object(
  {
    user: UserSchema,
    permissions: Type.Array(Type.String(), { examples: [['courses:read']] }),
    credential: Type.Object({
      type: Type.Union([Type.Literal('user'), Type.Literal('api_key')]),
      sessionId: Type.Optional(Type.String({ format: 'uuid' })),
      apiKeyId: Type.Optional(Type.String({ format: 'uuid' })),
    }),
  },
  { title: 'Me' },
);

export const SessionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    current: Type.Boolean({ description: 'the session of the token making this request' }),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Session' },
);

export const ListSessionsQuery = Type.Object(LimitQuerySchema.properties, {
  additionalProperties: false,
});

export const SessionIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const RevokeAllQuery = Type.Object(
  {
    keepCurrent: Type.Boolean({
      default: true,
      description: 'keep the session making this request signed in',
    }),
  },
  { additionalProperties: false },
);

export const RevokedCountSchema = Type.Object({ revoked: Type.Integer({ minimum: 0 }) });

export const PermissionCheckQuery = Type.Object(
  { permission: Type.String({ minLength: 1, maxLength: 100, examples: ['courses:create'] }) },
  { additionalProperties: false },
);

export const PermissionCheckSchema = Type.Object({
  permission: Type.String(),
  allowed: Type.Boolean(),
});
