import { Type } from 'typebox';
import { defineEvents, type EventDataOf } from '#platform/events/index.js';

export const nudgeEvents = defineEvents({
  'nudge.created': {
    description:
      'A nudge was generated for a learner (any channel). Webhook subscribers of this event are the `webhook` channel: they receive the text to deliver.',
    subjectType: 'engagement_nudge',
    data: Type.Object({
      nudgeId: Type.String({ format: 'uuid' }),
      learnerId: Type.String({ format: 'uuid' }),
      userId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      channel: Type.String(),
      type: Type.String(),
      content: Type.String(),
      gptFallback: Type.Boolean(),
      promptVersion: Type.String(),
      experimentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      variant: Type.Union([Type.String(), Type.Null()]),
    }),
  },
});

declare module '#platform/events/catalogue.js' {
  interface EventDataRegistry extends EventDataOf<typeof nudgeEvents> {}
}
