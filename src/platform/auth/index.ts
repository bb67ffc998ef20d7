export {
  type Auth,
  hasPermission,
  mayAccess,
  type Owned,
  requireAccess,
  requirePrincipal,
  requireUserSession,
} from './access.js';
export { apiKeysPlugin } from './api-keys/plugin.js';
export { authentication } from './authentication.js';
export { type Authenticator, createAuthenticator } from './authenticator.js';
export { type CredentialCache, createCredentialCache } from './credential-cache.js';
export { registerCredentialCacheMetrics } from './credential-cache-metrics.js';
export { purgeExpiredAuthData } from './housekeeping.js';
export * from './permissions.js';
export { authPlugin } from './plugin.js';
export { OPERATOR_USER_ID, operatorPrincipal, type Principal } from './principal.js';
export { createRevocations, type Revocation, type Revocations } from './revocations.js';
