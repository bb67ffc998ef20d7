export { chooseBus } from './choose-bus.js';
export type { TokenVerifier } from './connection.js';
export { followRevocations, type SessionReauthorizer } from './follow-revocations.js';
export {
  createPlatformRealtime,
  type PlatformRealtimeOptions,
  type RealtimeConfig,
  realtimeServer,
} from './install.js';
export { type JobProgressReport, publishJobProgress } from './job-progress.js';
export { registerRealtimeMetrics } from './metrics.js';
export { forwardDomainEvents } from './outbox-bridge.js';
export { jobOwnerFromDatabase, registerPlatformTopics } from './platform-topics.js';
export { CLOSE, type ClientMessage, type ServerMessage } from './protocol.js';
export { createRealtime, type Realtime, type TransientEvent } from './realtime.js';
export { type RealtimePluginOptions, realtimeRoutes } from './realtime-plugin.js';
export type { RealtimeStats } from './stats.js';
export {
  ALL_EVENTS_TOPIC,
  collectionTopic,
  jobTopic,
  type TopicAuthorizer,
  type TopicRegistry,
  topicsForEvent,
} from './topics.js';
export type { RealtimeBus, RealtimeEvent, RealtimeMessage } from './types.js';
