import { LRUCache } from 'lru-cache';

export interface LocalEntry {
  /** The value as JSON text: every hit parses its own copy, so callers cannot mutate the cache. */
  payload: string;
  expiresAt: number;
  tags: readonly string[];
}

export interface LocalStore {
  get(key: string): LocalEntry | undefined;
  set(key: string, entry: LocalEntry): void;
  delete(key: string): void;
  deleteTags(tags: readonly string[]): void;
  clear(): void;
  readonly size: number;
}

/** L1: an LRU bounded by entry count, with per-entry expiry and an index from tag to keys. */
export function createLocalStore(maxEntries: number, now: () => number): LocalStore {
  const keysByTag = new Map<string, Set<string>>();
  const lru = new LRUCache<string, LocalEntry>({
    max: maxEntries,
    // Called synchronously on eviction, delete and overwrite: keeps the tag index exact.
    dispose: (entry, key) => {
      for (const tag of entry.tags) {
        const keys = keysByTag.get(tag);
        keys?.delete(key);
        if (keys?.size === 0) keysByTag.delete(tag);
      }
    },
  });
  return {
    get(key) {
      const entry = lru.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        lru.delete(key);
        return undefined;
      }
      return entry;
    },
    set(key, entry) {
      lru.set(key, entry);
      for (const tag of entry.tags) {
        const keys = keysByTag.get(tag);
        if (keys) keys.add(key);
        else keysByTag.set(tag, new Set([key]));
      }
    },
    delete: (key) => {
      lru.delete(key);
    },
    deleteTags(tags) {
      for (const tag of tags) {
        for (const key of [...(keysByTag.get(tag) ?? [])]) lru.delete(key);
      }
    },
    clear: () => lru.clear(),
    get size() {
      return lru.size;
    },
  };
}
