import type { Location } from './source-table.js';

/**
 * Where each part of a converted problem came from, by JSON pointer (`/rooms/1/capacity` →
 * rooms.csv, row 3, column capacity), so the engine's checks can be reported on cells.
 */
export function createLocations() {
  const byPointer = new Map<string, Location>();
  return {
    /** `prefix` is a pointer without its leading slash (`rooms/1`; '' for the problem itself). */
    add(prefix: string, at: Location, fields: Record<string, string> = {}) {
      const base = prefix ? `/${prefix}` : '';
      if (base) byPointer.set(base, at);
      for (const [field, column] of Object.entries(fields))
        byPointer.set(`${base}/${field}`, { ...at, column });
    },
    /** The location of a pointer or of its nearest registered parent. */
    locate(pointer: string): Location | undefined {
      for (let p = pointer; p; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
        const found = byPointer.get(p);
        if (found) return found;
      }
      return undefined;
    },
  };
}

export type Locations = ReturnType<typeof createLocations>;
