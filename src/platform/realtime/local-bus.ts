import type { RealtimeBus, RealtimeMessage } from './types.js';

/** A bus within one process (tests, or an app built without a database listener). */
export function createLocalBus(): RealtimeBus {
  let receiver: ((message: RealtimeMessage) => void) | null = null;
  return {
    kind: 'local',
    async publish(message) {
      // Copied through JSON like the other buses, so no subscriber shares the publisher's objects.
      const copy = JSON.parse(JSON.stringify(message)) as RealtimeMessage;
      queueMicrotask(() => receiver?.(copy));
    },
    async start(onMessage) {
      receiver = onMessage;
    },
    async stop() {
      receiver = null;
    },
  };
}
