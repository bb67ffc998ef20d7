import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config-schema.js';
import { ConfigError } from './load-config.js';

const SECRET_FILE = 'jwt-secret';

/**
 * The key that signs access tokens. `JWT_SECRET` wins; otherwise one is generated once and kept
 * in `DATA_DIR` so tokens survive restarts. Production with an external database refuses to
 * start without `JWT_SECRET`: every instance behind the load balancer must share one key.
 */
export function resolveJwtSecret(config: Config): Uint8Array {
  if (config.JWT_SECRET) return new TextEncoder().encode(config.JWT_SECRET);
  if (config.NODE_ENV === 'production' && config.DATABASE_URL) {
    throw new ConfigError([
      'JWT_SECRET: missing; wants a random secret of at least 32 characters shared by every instance (required in production with DATABASE_URL)',
    ]);
  }
  const path = join(config.DATA_DIR, SECRET_FILE);
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length >= 32) return new TextEncoder().encode(stored);
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return new TextEncoder().encode(secret);
}
