import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, ok } from '../http/envelope.js';
import type { EventTypeEntry } from './catalogue.js';

const EventTypeSchema = Type.Object(
  {
    type: Type.String({ examples: ['course.published'] }),
    module: Type.String({ description: '`platform` or the module that records it' }),
    subjectType: Type.String({ examples: ['course'] }),
    description: Type.String(),
    dataSchema: Type.Record(Type.String(), Type.Unknown(), {
      description: 'the JSON Schema of the event’s `data`',
    }),
  },
  { title: 'EventType' },
);

/**
 * `GET /api/v1/events/types`: the catalogue of domain event types with the schema of each one's
 * `data`. Public, like the OpenAPI document: it describes payloads, never holds any.
 */
export const eventTypesRoute: FastifyPluginAsyncTypebox<{
  eventTypes: readonly EventTypeEntry[];
}> = async (app, { eventTypes }) => {
  const body = ok(eventTypes.map((entry) => ({ ...entry, dataSchema: { ...entry.dataSchema } })));
  app.get(
    '/events/types',
    {
      config: { public: true },
      schema: {
        tags: ['events'],
        summary: 'The event types and their payloads',
        description:
          'Every domain event type the service records (what the event log and webhooks deliver), with the module that records it and the JSON Schema of its `data`.',
        response: { 200: Envelope(Type.Array(EventTypeSchema)) },
      },
    },
    async () => body,
  );
};
