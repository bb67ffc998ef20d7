export { auditPlugin } from './plugin.js';
export { type ActorType, type AuditEntry, writeAudit } from './writer.js';
