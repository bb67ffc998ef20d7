import { Type } from 'typebox';
import { defineEvents, type EventDataOf } from '#platform/events/index.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const StatementSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  actor: Type.Object({
    mbox: Nullable(Type.String()),
    mbox_sha1sum: Nullable(Type.String()),
    openid: Nullable(Type.String()),
    account: Nullable(Type.Object({ homePage: Type.String(), name: Type.String() })),
    name: Nullable(Type.String()),
  }),
  verb: Type.String({ examples: ['http://adlnet.gov/expapi/verbs/completed'] }),
  activityId: Nullable(Type.String()),
  timestamp: Type.String(),
  stored: Type.String(),
  registration: Nullable(Type.String()),
  result: Nullable(
    Type.Object({
      scoreScaled: Nullable(Type.Number()),
      scoreRaw: Nullable(Type.Number()),
      success: Nullable(Type.Boolean()),
      completion: Nullable(Type.Boolean()),
      durationSeconds: Nullable(Type.Number()),
    }),
  ),
});

/** The LRS's events: one per request that stored or voided statements (subject: its first statement). */
export const lrsEvents = defineEvents({
  'xapi.statements.stored': {
    description:
      'Statements were stored in the LRS; `statements` summarises each (in the order stored).',
    subjectType: 'xapi_statement',
    data: Type.Object({ statements: Type.Array(StatementSummarySchema) }),
  },
  'xapi.statements.voided': {
    description: 'Statements were voided by voiding statements; `ids` are the voided ones.',
    subjectType: 'xapi_statement',
    data: Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' })) }),
  },
});

declare module '#platform/events/catalogue.js' {
  interface EventDataRegistry extends EventDataOf<typeof lrsEvents> {}
}
