import { Type } from 'typebox';
import { LimitQuerySchema } from '../../http/pagination.js';
import { allPermissions } from '../permissions.js';

/** Built when routes register: the modules' permissions are installed by then. */
export const permissionSchema = () =>
  Type.Union(
    allPermissions().map((p) => Type.Literal(p)),
    { description: 'a permission, `resource:action`', examples: ['courses:read'] },
  );

export const ApiKeySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String({ examples: ['timetable sync'] }),
    prefix: Type.String({
      description: 'the first characters after `lk_`',
      examples: ['3fa9c1d2'],
    }),
    scopes: Type.Array(Type.String(), { examples: [['timetables:read']] }),
    ownerId: Type.String({ format: 'uuid' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'ApiKey' },
);

export const CreatedApiKeySchema = Type.Object(
  {
    ...ApiKeySchema.properties,
    key: Type.String({
      description: 'the key to send as `X-API-Key`; shown only in this response',
      examples: ['lk_3fa9c1d2_Yq7…'],
    }),
  },
  { title: 'CreatedApiKey' },
);

export const createApiKeyBody = () =>
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 100, examples: ['timetable sync'] }),
      scopes: Type.Array(permissionSchema(), {
        minItems: 1,
        maxItems: allPermissions().length,
        uniqueItems: true,
      }),
    },
    { additionalProperties: false },
  );

export const ApiKeyIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListApiKeysQuery = Type.Object(LimitQuerySchema.properties, {
  additionalProperties: false,
});
