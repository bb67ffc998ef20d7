import { Type } from 'typebox';
import { defineEvents } from './catalogue.js';

const Roles = Type.Array(Type.String(), { examples: [['learner']] });

/** The platform's own domain events: users, API keys, webhooks and the jobs probe. */
export const platformEvents = defineEvents({
  'user.created': {
    description: 'A user account was created (sign-up, an admin, or the demo seed).',
    subjectType: 'user',
    data: Type.Object({ roles: Roles }),
  },
  'user.disabled': {
    description: 'A user was disabled; their sessions and API keys stop working.',
    subjectType: 'user',
    data: Type.Object({}),
  },
  'user.enabled': {
    description: 'A disabled user was enabled again.',
    subjectType: 'user',
    data: Type.Object({}),
  },
  'user.erased': {
    description:
      'A user’s personal data was erased (GDPR): the account is an anonymised, disabled placeholder. Carries no personal data.',
    subjectType: 'user',
    data: Type.Object({}),
  },
  'user.roles_changed': {
    description: 'A user’s roles were replaced.',
    subjectType: 'user',
    data: Type.Object({ before: Roles, after: Roles }),
  },
  'apikey.created': {
    description: 'A user created an API key.',
    subjectType: 'api_key',
    data: Type.Object({
      ownerId: Type.String({ format: 'uuid' }),
      name: Type.String(),
      prefix: Type.String(),
      scopes: Type.Array(Type.String()),
    }),
  },
  'apikey.revoked': {
    description: 'An API key was revoked.',
    subjectType: 'api_key',
    data: Type.Object({ ownerId: Type.String({ format: 'uuid' }), prefix: Type.String() }),
  },
  'webhook.disabled': {
    description: 'A webhook endpoint was disabled after its final failed delivery.',
    subjectType: 'webhook',
    data: Type.Object({
      url: Type.String(),
      reason: Type.String(),
      lastEventId: Type.String({ format: 'uuid' }),
    }),
  },
  'job.probe_completed': {
    description: 'A probe job ran (operators use it to check that workers take jobs).',
    subjectType: 'job',
    data: Type.Object({ instance: Type.String(), attempt: Type.Integer() }),
  },
});
