import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisClients } from '../redis/index.js';
import { createListeners, type Revocation, type Revocations } from './revocations.js';

interface Waiter {
  /** Subscribers PUBLISH reached; unknown (Infinity) until PUBLISH answers. */
  expected: number;
  acks: number;
  done: () => void;
}

/**
 * Revocations over Redis pub/sub, confirmed. The revoker applies a revocation locally, PUBLISHes
 * it (Redis answers with the number of subscribed processes, the revoker included) and waits
 * until that many processes PUBLISHed an acknowledgement, each after applying it; so when
 * `publish` resolves, no process serves the revoked credential from its cache. A process trusts
 * its cache only while it is subscribed to both channels: after any disconnect it goes to the
 * database until it has subscribed again, then drops everything cached (it may have missed
 * revocations meanwhile).
 */
export function createRedisRevocations({
  redis,
  timeoutMs,
  log,
}: {
  redis: RedisClients;
  timeoutMs: number;
  log: Pick<Logger, 'warn' | 'info'>;
}): Revocations {
  const channel = `${redis.keyPrefix}auth:revocations`;
  const ackChannel = `${redis.keyPrefix}auth:revocation-acks`;
  const origin = randomUUID();
  const listeners = createListeners(log);
  const waiters = new Map<string, Waiter>();
  const { subscriber, command } = redis;
  let subscribed = false;
  let closed = false;

  const distrust = () => {
    if (!subscribed) return;
    subscribed = false;
    void listeners.emit('resync');
  };
  const subscribe = () => {
    if (closed) return;
    subscriber.subscribe(channel, ackChannel).then(
      () => {
        if (closed || subscriber.status !== 'ready') return;
        // Whatever was cached before may have missed revocations: start over, then trust.
        void listeners.emit('resync');
        subscribed = true;
      },
      (err: unknown) => log.warn({ err }, 'revocations: Redis SUBSCRIBE failed'),
    );
  };

  const onMessage = (from: string, payload: string) => {
    if (from === ackChannel) {
      const waiter = waiters.get(payload);
      if (waiter && ++waiter.acks >= waiter.expected) waiter.done();
      return;
    }
    if (from !== channel) return;
    let message: { id: string; o: string; r: Revocation };
    try {
      message = JSON.parse(payload);
    } catch {
      log.warn('revocations: malformed message; dropped');
      return;
    }
    // The revoker applied its own before publishing.
    const applied = message.o === origin ? Promise.resolve() : listeners.emit(message.r);
    void applied
      .then(() => command.publish(ackChannel, message.id))
      .catch((err: unknown) => log.warn({ err }, 'revocations: could not acknowledge'));
  };

  subscriber.on('message', onMessage);
  subscriber.on('close', distrust);
  subscriber.on('end', distrust);
  subscriber.on('ready', subscribe);
  // Otherwise `ready` comes once connected.
  if (subscriber.status === 'ready') subscribe();

  return {
    async publish(revocation) {
      await listeners.emit(revocation);
      const id = randomUUID();
      let timer: NodeJS.Timeout | undefined;
      const confirmed = new Promise<void>((resolve) => {
        waiters.set(id, { expected: Number.POSITIVE_INFINITY, acks: 0, done: resolve });
        timer = setTimeout(resolve, timeoutMs);
      });
      try {
        const reached = await command.publish(
          channel,
          JSON.stringify({ id, o: origin, r: revocation }),
        );
        const waiter = waiters.get(id)!;
        waiter.expected = reached;
        if (waiter.acks >= reached) waiter.done();
        await confirmed;
        if (waiter.acks < reached)
          log.warn(
            { acknowledged: waiter.acks, expected: reached },
            'revocations: not every process confirmed in time; a silent one may serve its cache for up to AUTH_CACHE_TTL_SECONDS',
          );
      } catch (err) {
        // Redis is unreachable from here: the other processes have most likely lost their
        // subscription too and distrust their caches; if not, the safety TTL bounds the rest.
        log.warn({ err }, 'revocations: PUBLISH failed');
      } finally {
        clearTimeout(timer);
        waiters.delete(id);
      }
    },
    listen: listeners.add,
    trusted: () => subscribed && subscriber.status === 'ready',
    async close() {
      closed = true;
      subscribed = false;
      subscriber.off('message', onMessage);
      subscriber.off('close', distrust);
      subscriber.off('end', distrust);
      subscriber.off('ready', subscribe);
      if (subscriber.status === 'ready')
        await subscriber.unsubscribe(channel, ackChannel).catch(() => {});
    },
  };
}
