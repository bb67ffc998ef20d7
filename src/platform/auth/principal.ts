import type { Permission, Role } from './permissions.js';

/** Who is making a request: a signed-in user or an integration using an API key. */
export interface Principal {
  type: 'user' | 'api_key';
  userId: string;
  /** Set for API keys: the key's id (its owner is `userId`). */
  apiKeyId?: string;
  /** Set for access tokens: the login session the token belongs to. */
  sessionId?: string;
  roles: readonly Role[];
  /** For users, what their roles grant; for API keys, the key's scopes (within its owner's rights). */
  permissions: ReadonlySet<Permission>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook when valid credentials were sent; null otherwise. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The permission a route requires; absent means the route is public. */
    permission?: Permission;
    /** Authentication required but no particular permission (e.g. `GET /auth/me`). */
    authenticated?: boolean;
  }
}
