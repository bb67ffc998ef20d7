import type { apiKeysOf, auditOf, filesOf, jobsOf, sessionsOf } from './repository.js';

type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The platform's part of an export, camelCase with ISO dates: nothing secret is ever read. */
export function toPlatformExport(rows: {
  sessions: Rows<typeof sessionsOf>;
  apiKeys: Rows<typeof apiKeysOf>;
  audit: Rows<typeof auditOf>;
  jobs: Rows<typeof jobsOf>;
  files: Rows<typeof filesOf>;
}) {
  return {
    sessions: rows.sessions.map((s) => ({
      ...s,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      revokedAt: iso(s.revokedAt),
    })),
    apiKeys: rows.apiKeys.map((k) => ({
      ...k,
      lastUsedAt: iso(k.lastUsedAt),
      revokedAt: iso(k.revokedAt),
      createdAt: k.createdAt.toISOString(),
    })),
    audit: rows.audit.map((a) => ({ ...a, occurredAt: a.occurredAt.toISOString() })),
    jobs: rows.jobs.map((j) => ({
      ...j,
      createdAt: j.createdAt.toISOString(),
      finishedAt: iso(j.finishedAt),
    })),
    files: rows.files.map((f) => ({
      ...f,
      createdAt: f.createdAt.toISOString(),
      deletedAt: iso(f.deletedAt),
    })),
  };
}
