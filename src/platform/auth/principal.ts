import type { Permission, Role } from './permissions.js';

/** The user id of work done by the system itself (seeds, the CLI), never a real user's. */
export const OPERATOR_USER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The principal of work done outside any request (demo seeds, `lectern` commands run by the
 * machine's operator), holding exactly the permissions the work needs.
 */
export const operatorPrincipal = (permissions: readonly Permission[]): Principal => ({
  type: 'user',
  userId: OPERATOR_USER_ID,
  roles: [],
  permissions: new Set(permissions),
});

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
  /**
   * Every `/api/v1` route declares who may call it (start-up fails otherwise): a `permission`,
   * `sessionOnly`, `authenticated` or `public`. An API key holds only its scopes (never the
   * own-account permissions every user has) and never passes `sessionOnly`.
   */
  interface FastifyContextConfig {
    /** The permission a route requires (one of them, for a list), for users and API keys alike. */
    permission?: Permission | readonly Permission[];
    /** For a signed-in user's session only: API keys are refused (403 `USER_SESSION_REQUIRED`). */
    sessionOnly?: boolean;
    /**
     * Any credential, no particular permission: for what describes the credential itself
     * (`GET /auth/me`) or where the service checks permissions the key must hold.
     */
    authenticated?: boolean;
    /** Anyone, signed in or not; the service decides what an anonymous caller sees. */
    public?: boolean;
  }
}
