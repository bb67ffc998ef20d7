import { Type } from 'typebox';
import { LimitQuerySchema } from '../http/pagination.js';

export const DomainEventSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ examples: ['user.created'] }),
  subjectType: Type.String({ examples: ['user'] }),
  subjectId: Type.String(),
  actorId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  occurredAt: Type.String({ format: 'date-time' }),
});

export const ListEventsQuery = Type.Object(
  {
    ...LimitQuerySchema.properties,
    type: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
