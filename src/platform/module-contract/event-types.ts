import type { EventTypeEntry } from '../events/catalogue.js';
import { platformEvents } from '../events/platform-events.js';
import type { ModuleManifest } from './manifest.js';

/** The platform's event types and every module's; a type declared twice stops the start. */
export function mergeEventTypes(manifests: readonly ModuleManifest[]): EventTypeEntry[] {
  const catalogues = [
    { module: 'platform', events: platformEvents },
    ...manifests.map((m) => ({ module: m.name, events: m.events ?? {} })),
  ];
  const entries: EventTypeEntry[] = [];
  const owners = new Map<string, string>();
  for (const { module, events } of catalogues)
    for (const [type, definition] of Object.entries(events)) {
      const owner = owners.get(type);
      if (owner) throw new Error(`Event type "${type}" is declared by both ${owner} and ${module}`);
      owners.set(type, module);
      entries.push({
        type,
        module,
        subjectType: definition.subjectType,
        description: definition.description,
        dataSchema: definition.data,
      });
    }
  return entries;
}
