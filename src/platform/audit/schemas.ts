import { Type } from 'typebox';
import { LimitQuerySchema } from '../http/pagination.js';

export const AuditEntrySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    occurredAt: Type.String({ format: 'date-time' }),
    actorId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    actorType: Type.String({ examples: ['user', 'api_key', 'system'] }),
    action: Type.String({ examples: ['auth.login', 'user.roles_changed'] }),
    resourceType: Type.String({ examples: ['user', 'session', 'api_key'] }),
    resourceId: Type.Union([Type.String(), Type.Null()]),
    outcome: Type.String({ examples: ['success', 'failure'] }),
    ip: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
    details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  },
  { title: 'AuditEntry' },
);

export const ListAuditQuery = Type.Object(
  {
    ...LimitQuerySchema.properties,
    actorId: Type.Optional(Type.String({ format: 'uuid' })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ['auth.login'] })),
    resourceType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    resourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
  },
  { additionalProperties: false },
);
