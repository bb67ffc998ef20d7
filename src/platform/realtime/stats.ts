/** Counters the realtime hub keeps; `registerRealtimeMetrics` exposes them to Prometheus. */
export interface RealtimeStats {
  connections: number;
  authenticated: number;
  subscriptions: number;
  /** Frames written to sockets (events, replies, errors). */
  messagesSent: number;
  /** Events this process received from the bus and fanned out to its sockets. */
  eventsDelivered: number;
  eventsPublished: number;
  dropped: Record<DropReason, number>;
}

export type DropReason = 'slow_consumer' | 'heartbeat' | 'unauthenticated' | 'revoked';

export const newStats = (): RealtimeStats => ({
  connections: 0,
  authenticated: 0,
  subscriptions: 0,
  messagesSent: 0,
  eventsDelivered: 0,
  eventsPublished: 0,
  dropped: { slow_consumer: 0, heartbeat: 0, unauthenticated: 0, revoked: 0 },
});
