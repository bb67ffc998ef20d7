import type { Hub } from './hub.js';

/**
 * Pings every socket each `intervalMs`; a socket that has not answered the previous ping is
 * terminated (a vanished peer never completes a close handshake). Browsers answer pings
 * themselves, so clients need no code for this.
 */
export function startHeartbeat(hub: Hub, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const client of hub.clients()) {
      if (client.closing) continue;
      if (!client.alive) {
        hub.drop(client, 1006, 'heartbeat timeout', 'heartbeat');
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
