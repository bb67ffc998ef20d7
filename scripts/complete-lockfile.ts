// `node --import tsx scripts/complete-lockfile.ts` after `npm install` changes the lock file.
// The registry this project is built against lacks Biome's binaries for other platforms, so npm
// leaves them out of package-lock.json and `npm ci` then refuses the lock as out of sync. This
// adds the entries npm would have written (npm skips them on install: wrong os/cpu/libc).
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, LockEntry> };
const platform = /^@biomejs\/cli-(win32|darwin|linux|android)-(x64|arm64)(-musl)?$/;
const added: string[] = [];
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const match = platform.exec(name);
    if (!match)
      throw new Error(`${name} is missing from the lock and is not a known platform binary`);
    lock.packages[key] = {
      version,
      cpu: [match[2]],
      dev: true,
      license: 'MIT OR Apache-2.0',
      optional: true,
      os: [match[1]],
      ...(match[3] ? { libc: ['musl'] } : {}),
      engines: { node: '>=14.21.3' },
    };
    added.push(name);
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.join(', ')}` : 'the lock file is complete');
