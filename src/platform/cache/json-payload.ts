/**
 * Serialises a cached value, refusing anything JSON would silently change: the value a caller
 * gets on a hit must equal the one it got on the miss. Refused: `undefined` (at the top or in an
 * array), functions, symbols, bigints, non-finite numbers, and objects that are not plain (Date,
 * Map, class instances…) — map those to DTO fields first. `undefined` object properties are
 * allowed and dropped, as they would be on the wire.
 */
export function toJsonPayload(value: unknown, key: string): string {
  const problem = findNonJson(value, '');
  if (problem !== null) {
    throw new TypeError(`cache value for "${key}" is not a JSON DTO: ${problem}`);
  }
  return JSON.stringify(value);
}

function findNonJson(value: unknown, path: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${at(path)} is ${value}`;
  if (typeof value !== 'object') return `${at(path)} is ${typeof value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findNonJson(value[i], `${path}/${i}`);
      if (problem !== null) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return `${at(path)} is a ${proto?.constructor?.name ?? 'non-plain object'}`;
  }
  for (const [name, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const problem = findNonJson(child, `${path}/${name}`);
    if (problem !== null) return problem;
  }
  return null;
}

const at = (path: string) => (path === '' ? 'the value' : path);
