import type { Redis } from 'ioredis';

/**
 * L2 in Redis. Layout under `prefix`:
 *   v:<key>    the value, `<expiresAtMs>:<json>`, with a PX expiry
 *   t:<tag>    set of the value keys carrying the tag, expiring with its longest-lived member
 *   g:k:<key>  generation of a key, g:t:<tag> of a tag: INCRed by every invalidation
 *   invalidate the pub/sub channel telling other processes to drop L1 entries
 *
 * Why generations: a miss reads the database, and an invalidation may land between that read
 * and the write of the result, which would re-populate stale data until the TTL. The lookup
 * reads the generations in the same MGET as the value; the store is a script that writes only
 * if they are unchanged. Generation keys expire a day after their last bump; one that vanished
 * mid-load reads as 0 and makes the store skip (the safe direction).
 *
 * Limits: a tag set keeps the names of members that expired until the tag is invalidated or
 * outlives them, so avoid one tag over an unbounded key space (tag `course:42`, not `users`).
 * The scripts touch keys they are not given (tag members), so this needs one Redis, not a cluster.
 */

const STORE = `
local n = (#KEYS - 2) / 2
for i = 1, n + 1 do
  if (redis.call('GET', KEYS[1 + i]) or '0') ~= ARGV[2 + i] then return 0 end
end
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
for i = 1, n do
  local set = KEYS[2 + n + i]
  redis.call('SADD', set, KEYS[1])
  if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
end
return 1`;

const INVALIDATE_KEYS = `
local n = #KEYS / 2
for i = 1, n do
  redis.call('DEL', KEYS[i])
  redis.call('INCR', KEYS[n + i])
  redis.call('PEXPIRE', KEYS[n + i], ARGV[1])
end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return n`;

const INVALIDATE_TAGS = `
local n = #KEYS / 2
for i = 1, n do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
  redis.call('INCR', KEYS[n + i])
  redis.call('PEXPIRE', KEYS[n + i], ARGV[1])
end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return n`;

const GENERATION_TTL_MS = 24 * 3600 * 1000;

type Scripts = {
  lecternCacheStore(numKeys: number, ...args: (string | number)[]): Promise<number>;
  lecternCacheInvalidateKeys(numKeys: number, ...args: (string | number)[]): Promise<number>;
  lecternCacheInvalidateTags(numKeys: number, ...args: (string | number)[]): Promise<number>;
};

export interface InvalidationMessage {
  /** The cache instance that sent it (it has already applied it locally). */
  o: string;
  k?: string[];
  t?: string[];
  /** Everything: sent after an outage when too many invalidations were missed to replay. */
  all?: true;
}

export interface L2Lookup {
  hit: { payload: string; expiresAt: number } | null;
  /** Generations of the key and its tags when looked up; the store is conditional on them. */
  generations: string[];
}

export interface RedisStore {
  readonly channel: string;
  lookup(key: string, tags: readonly string[]): Promise<L2Lookup>;
  /** Returns false when an invalidation happened since `lookup` (nothing was written). */
  store(
    key: string,
    payload: string,
    expiresAt: number,
    ttlMs: number,
    tags: readonly string[],
    generations: string[],
  ): Promise<boolean>;
  invalidateKeys(keys: readonly string[], message: InvalidationMessage): Promise<void>;
  invalidateTags(tags: readonly string[], message: InvalidationMessage): Promise<void>;
  /** Deletes every value under the prefix and tells the other processes to clear L1. */
  invalidateAll(message: InvalidationMessage): Promise<void>;
}

export function createRedisStore(command: Redis, prefix: string): RedisStore {
  command.defineCommand('lecternCacheStore', { lua: STORE });
  command.defineCommand('lecternCacheInvalidateKeys', { lua: INVALIDATE_KEYS });
  command.defineCommand('lecternCacheInvalidateTags', { lua: INVALIDATE_TAGS });
  const scripts = command as unknown as Scripts;
  const valueKey = (key: string) => `${prefix}v:${key}`;
  const keyGen = (key: string) => `${prefix}g:k:${key}`;
  const tagGen = (tag: string) => `${prefix}g:t:${tag}`;
  const tagSet = (tag: string) => `${prefix}t:${tag}`;
  const channel = `${prefix}invalidate`;

  return {
    channel,
    async lookup(key, tags) {
      const [raw, ...generations] = await command.mget(
        valueKey(key),
        keyGen(key),
        ...tags.map(tagGen),
      );
      const colon = raw ? raw.indexOf(':') : -1;
      return {
        hit:
          raw && colon > 0
            ? { expiresAt: Number(raw.slice(0, colon)), payload: raw.slice(colon + 1) }
            : null,
        generations: generations.map((g) => g ?? '0'),
      };
    },
    async store(key, payload, expiresAt, ttlMs, tags, generations) {
      const keys = [valueKey(key), keyGen(key), ...tags.map(tagGen), ...tags.map(tagSet)];
      const written = await scripts.lecternCacheStore(
        keys.length,
        ...keys,
        `${expiresAt}:${payload}`,
        Math.max(1, Math.ceil(ttlMs)),
        ...generations,
      );
      return written === 1;
    },
    async invalidateKeys(keys, message) {
      const redisKeys = [...keys.map(valueKey), ...keys.map(keyGen)];
      await scripts.lecternCacheInvalidateKeys(
        redisKeys.length,
        ...redisKeys,
        GENERATION_TTL_MS,
        channel,
        JSON.stringify(message),
      );
    },
    async invalidateTags(tags, message) {
      const redisKeys = [...tags.map(tagSet), ...tags.map(tagGen)];
      await scripts.lecternCacheInvalidateTags(
        redisKeys.length,
        ...redisKeys,
        GENERATION_TTL_MS,
        channel,
        JSON.stringify(message),
      );
    },
    async invalidateAll(message) {
      let cursor = '0';
      do {
        const [next, found] = await command.scan(cursor, 'MATCH', `${prefix}v:*`, 'COUNT', 1000);
        if (found.length > 0) await command.unlink(...found);
        cursor = next;
      } while (cursor !== '0');
      await command.publish(channel, JSON.stringify(message));
    },
  };
}
