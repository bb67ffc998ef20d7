import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { Revocations } from '../auth/revocations.js';
import { dropForbiddenTopics } from './connection.js';
import { CLOSE } from './protocol.js';
import type { Realtime } from './realtime.js';

/** The current principal of a session (its user's roles today), or null once it has ended. */
export type SessionReauthorizer = (sessionId: string, userId: string) => Promise<Principal | null>;

/**
 * Makes this process's sockets follow revocations: a socket whose session ended or whose user
 * was disabled is closed with 4401; one whose user's rights changed gets its principal re-read
 * and drops the topics it may no longer follow (`unsubscribed` with `reason: "forbidden"`).
 * The revocation is acknowledged only when this is done, so it holds from the moment the
 * revoking request answers.
 */
export function followRevocations(
  realtime: Pick<Realtime, 'hub' | 'topics'>,
  revocations: Pick<Revocations, 'listen'>,
  reauthorize: SessionReauthorizer,
  log: Pick<Logger, 'warn'>,
): () => void {
  const { hub, topics } = realtime;
  return revocations.listen(async (revocation) => {
    if (revocation === 'resync') return;
    const sessions = new Set(revocation.sessions);
    const users = new Set(revocation.users);
    const rights = new Set(revocation.rights);
    const rechecks: Promise<void>[] = [];
    for (const client of [...hub.clients()]) {
      const principal = client.principal;
      if (!principal) continue;
      if (
        users.has(principal.userId) ||
        (principal.sessionId && sessions.has(principal.sessionId))
      ) {
        hub.drop(client, CLOSE.unauthenticated, 'session ended', 'revoked');
        continue;
      }
      if (!rights.has(principal.userId) || !principal.sessionId) continue;
      const sessionId = principal.sessionId;
      rechecks.push(
        new Promise<void>((resolve) => {
          // In turn with the socket's own messages, so a subscribe in flight cannot undo it.
          client.enqueue(async () => {
            try {
              const renewed = await reauthorize(sessionId, principal.userId);
              if (!renewed) hub.drop(client, CLOSE.unauthenticated, 'session ended', 'revoked');
              else {
                hub.setPrincipal(client, renewed);
                await dropForbiddenTopics(client, hub, topics);
              }
            } catch (err) {
              log.warn({ err }, 'realtime: could not re-check a socket after a revocation');
            } finally {
              resolve();
            }
          });
        }),
      );
    }
    await Promise.all(rechecks);
  });
}
