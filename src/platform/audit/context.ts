import { currentContext, type RequestContext } from '../http/request-context.js';

/** What the authentication hook adds to the request context for audit rows. */
export interface AuditRequestContext extends RequestContext {
  ip?: string;
  actorType?: 'user' | 'api_key';
  apiKeyId?: string;
}

/** The current request's context as the audit writer sees it; undefined outside requests. */
export const auditContext = (): AuditRequestContext | undefined =>
  currentContext() as AuditRequestContext | undefined;

/** Records the caller's address and credential kind on the request context. */
export function noteRequestOrigin(fields: Partial<AuditRequestContext>): void {
  const context = auditContext();
  if (context) Object.assign(context, fields);
}
