import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  /** The client's address (after TRUST_PROXY), for audit rows. */
  ip?: string;
  /** Set by authentication: who is calling, and with which kind of credential. */
  userId?: string;
  actorType?: 'user' | 'api_key';
  apiKeyId?: string;
  /** The app's key for signing list cursors (`pagination.ts`), set by the HTTP plugin. */
  cursorKey?: Buffer;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request being served, if any (logs and audit rows read it). */
export const currentContext = (): RequestContext | undefined => storage.getStore();

export const runWithContext = <T>(context: RequestContext, fn: () => T): T =>
  storage.run(context, fn);

/** Enters a context for the rest of the current async execution (Fastify hooks use this). */
export const enterContext = (context: RequestContext): void => storage.enterWith(context);
