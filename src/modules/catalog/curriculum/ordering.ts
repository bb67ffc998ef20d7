/**
 * Sibling order (sections of a course, lessons of a section) as pure list operations: callers
 * compute the new order of ids, then write only the positions that changed. Positions stay dense
 * (0..n-1) and unique because they are always the index in one list.
 */
export interface Placed {
  id: string;
  position: number;
}

/** Ids in their stored order; ties (never written by us) fall back to id order. */
export function orderedIds(rows: readonly Placed[]): string[] {
  return [...rows]
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => row.id);
}

/** `ids` with `id` placed at `index` (removed from where it was, if present). */
export function placeAt(ids: readonly string[], id: string, index: number): string[] {
  const rest = ids.filter((other) => other !== id);
  rest.splice(index, 0, id);
  return rest;
}

/** The rows whose stored position differs from their index in `ids`: what must be written. */
export function positionChanges(rows: readonly Placed[], ids: readonly string[]): Placed[] {
  const stored = new Map(rows.map((row) => [row.id, row.position]));
  return ids.flatMap((id, position) => (stored.get(id) === position ? [] : [{ id, position }]));
}
