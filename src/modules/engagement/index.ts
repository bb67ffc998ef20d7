import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSecretBox } from '#platform/crypto/secret-box.js';
import type { ModuleManifest } from '#platform/module-contract/index.js';
import { recordXapiActivity } from './activity-from-xapi.js';
import { engagementGdpr } from './gdpr.js';
import { createRiskScorer, modelJobs, registerModels } from './models/index.js';
import { nudgeEvents, nudgeJobs, registerNudges } from './nudges/index.js';
import { engagementPermissions } from './permissions.js';
import { engagementRoutes } from './routes.js';
import { createEngagementService } from './service.js';

/** Engagement: learner profiles, their activity and explainable risk scores. */
async function engagementPlugin(app: FastifyInstance) {
  const { database, clock, jwtSecret } = app.lectern;
  // Phones are sealed with a key derived from the JWT secret: rotate both together.
  const scorer = createRiskScorer({ db: database.db, clock });
  const service = createEngagementService({
    db: database.db,
    clock,
    phoneBox: createSecretBox(jwtSecret, 'engagement-phones'),
    scorer,
  });
  await app.register(engagementRoutes, { prefix: '/api/v1', service });
  await registerModels(app, scorer);
  await registerNudges(app);
  recordXapiActivity(app.lectern.events, database.db);
}

export const engagementModule = fp(engagementPlugin, {
  name: 'lectern-engagement',
  fastify: '5.x',
  dependencies: ['lectern-http', 'lectern-auth'],
});

export const engagementManifest: ModuleManifest = {
  name: 'engagement',
  plugin: engagementModule,
  permissions: engagementPermissions,
  gdpr: engagementGdpr,
  events: nudgeEvents,
  jobs: (context) => [...nudgeJobs(context), ...modelJobs(context)],
};

export {
  type ActivityInput,
  type ActivitySource,
  type LearnerRef,
  type RecordActivityResult,
  recordActivity,
  voidActivity,
} from './activity.js';
