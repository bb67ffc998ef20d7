/** `catalog:course:42` → `catalog`; keys without a prefix share `default` (bounded label set). */
export function namespaceOf(key: string): string {
  const colon = key.indexOf(':');
  return colon > 0 ? key.slice(0, colon) : 'default';
}
