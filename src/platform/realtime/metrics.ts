import { Counter, Gauge, type Registry } from 'prom-client';
import type { DropReason, RealtimeStats } from './stats.js';

/**
 * Registers the WebSocket metrics on `registry`, read from `stats` when scraped:
 * `lectern_ws_connections`, `lectern_ws_subscriptions`, `lectern_ws_messages_sent_total`,
 * `lectern_ws_clients_dropped_total{reason}`, `lectern_realtime_events_total{stage}`.
 */
export function registerRealtimeMetrics(registry: Registry, stats: RealtimeStats): void {
  new Gauge({
    name: 'lectern_ws_connections',
    help: 'Open WebSocket connections on this process, by whether they authenticated',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'authenticated' }, stats.authenticated);
      this.set({ state: 'pending' }, stats.connections - stats.authenticated);
    },
  });
  new Gauge({
    name: 'lectern_ws_subscriptions',
    help: 'Topic subscriptions held by WebSocket connections on this process',
    registers: [registry],
    collect() {
      this.set(stats.subscriptions);
    },
  });
  new Counter({
    name: 'lectern_ws_messages_sent_total',
    help: 'Frames sent to WebSocket clients',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats.messagesSent);
    },
  });
  new Counter({
    name: 'lectern_ws_clients_dropped_total',
    help: 'WebSocket clients closed by the server, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, count] of Object.entries(stats.dropped) as [DropReason, number][])
        this.inc({ reason }, count);
    },
  });
  new Counter({
    name: 'lectern_realtime_events_total',
    help: 'Realtime events published by this process, and delivered to its sockets',
    labelNames: ['stage'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ stage: 'published' }, stats.eventsPublished);
      this.inc({ stage: 'delivered' }, stats.eventsDelivered);
    },
  });
}
