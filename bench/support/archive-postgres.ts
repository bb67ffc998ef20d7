// A throw-away PostgreSQL cluster on 127.0.0.1 (as .ci/run starts one), when Debian's binaries
// are installed; as root the cluster belongs to the `postgres` user, which PostgreSQL insists on.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScratchPostgres {
  url: string;
  stop(): void;
}

function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const dirs = readdirSync(root)
    .map((v) => join(root, v, 'bin'))
    .filter((d) => existsSync(join(d, 'pg_ctl')))
    .sort();
  return dirs.at(-1) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cluster, or says why it could not. */
export async function startScratchPostgres(): Promise<ScratchPostgres | string> {
  const bin = pgBinDir();
  if (!bin) return 'no PostgreSQL binaries under /usr/lib/postgresql/*/bin';
  const asRoot = process.getuid?.() === 0;
  const as = (command: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(bin, command), args, { stdio: 'pipe' });
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-pg-'));
  const data = join(work, 'pg');
  try {
    chmodSync(work, 0o755);
    mkdirSync(data);
    if (asRoot) execFileSync('chown', ['postgres', data]);
    const port = await freePort();
    as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    as('pg_ctl', [
      '-D',
      data,
      '-l',
      join(data, 'server.log'),
      '-w',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c fsync=off`,
      'start',
    ]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        try {
          as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `could not start a local cluster: ${stderr || (error as Error).message}`;
  }
}
