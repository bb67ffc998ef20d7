import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type TestUser } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { type JsonSchema, label, type Operation, operationsOf } from '../openapi/operations.js';
import { dereference } from '../openapi/schema-values.js';
import { type BadInput, badInputs } from './mutations.js';

// Bad inputs generated from the OpenAPI document for every operation, sent by an admin (who
// passes every guard, so validation is what answers): always a 4xx failure envelope naming the
// field, never a 5xx, a stack trace or SQL, and nothing written. Seeded and bounded: the same
// requests on every run.
const SEED = 17;
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 12);

let t: TestApp;
let admin: TestUser;
let operations: Operation[];
let components: Record<string, JsonSchema>;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUserAndLogin(t, ['admin']);
  operations = operationsOf(t).filter((o) => o.access?.kind !== 'operational');
  const document = t.app.swagger() as { components?: { schemas?: Record<string, JsonSchema> } };
  components = document.components?.schemas ?? {};
}, 120_000);
afterAll(() => t?.close());

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await t.database.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from "${name}"`);
    counts[name] = row.n;
  }
  return counts;
}

function urlFor(operation: Operation, input: BadInput): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(input.path?.[name] ?? '00000000-0000-4000-8000-000000000000'),
  );
  const query = input.query ? `?${new URLSearchParams(input.query)}` : '';
  return path + query;
}

const LEAKS = [/\bat .+\.(ts|js):\d+/, /node_modules/, /\bselect\b.+\bfrom\b/i, /syntax error at/i];

/** Why this answer breaks the contract, or null when it keeps it. */
function problemWith(
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
  input: BadInput,
) {
  if (res.statusCode >= 500) return `answered ${res.statusCode}`;
  if (res.statusCode < 400) return `accepted it with ${res.statusCode}`;
  if (LEAKS.some((leak) => leak.test(res.body)))
    return `leaks internals: ${res.body.slice(0, 200)}`;
  let envelope: {
    ok?: unknown;
    error?: { code?: unknown; message?: unknown; details?: Array<{ path?: string }> };
    requestId?: unknown;
  };
  try {
    envelope = JSON.parse(res.body);
  } catch {
    return `not JSON: ${res.body.slice(0, 120)}`;
  }
  if (
    envelope.ok !== false ||
    typeof envelope.error?.code !== 'string' ||
    typeof envelope.error.message !== 'string'
  )
    return `not the failure envelope: ${res.body.slice(0, 200)}`;
  if (envelope.requestId !== res.headers['x-request-id'])
    return 'requestId differs from X-Request-Id';
  if (input.names) {
    if (res.statusCode !== 400)
      return `want 400 naming ${input.names}, got ${res.statusCode} ${res.body.slice(0, 200)}`;
    const paths = (envelope.error.details ?? []).map((d) => d.path);
    if (!paths.some((p) => p === input.names || p?.startsWith(`${input.names}/`)))
      return `does not name ${input.names}: ${JSON.stringify(paths)}`;
  }
  return null;
}

describe('fuzzing every OpenAPI operation with bad inputs (fast-check, seeded)', () => {
  it('should refuse each with a 4xx failure envelope naming the field, and write nothing', async () => {
    const before = await rowCounts();
    const failures: string[] = [];
    let sent = 0;
    let namedBodyFields = 0;
    for (const operation of operations) {
      const body = operation.body ? dereference(operation.body, components) : undefined;
      const arbitraries = badInputs(operation, body);
      if (arbitraries.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(fc.oneof(...arbitraries), async (input) => {
          const headers: Record<string, string> = { ...admin.auth };
          let payload: string | undefined;
          if (input.rawBody !== undefined) payload = input.rawBody;
          else if ('body' in input) payload = JSON.stringify(input.body);
          if (payload !== undefined) headers['content-type'] = 'application/json';
          const res = await t.app.inject({
            method: operation.method as 'GET',
            url: urlFor(operation, input),
            headers,
            ...(payload !== undefined ? { payload } : {}),
          });
          sent++;
          if (input.names?.startsWith('/body/')) namedBodyFields++;
          const problem = problemWith(res, input);
          if (problem) failures.push(`${label(operation)} [${input.kind}]: ${problem}`);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION },
      );
    }
    expect([...new Set(failures)]).toEqual([]);
    expect(sent).toBeGreaterThan(operations.length);
    // Most bodies get a valid sample, so most body mutations must name their field.
    expect(namedBodyFields).toBeGreaterThan(sent / 10);
    expect(await rowCounts()).toEqual(before);
  }, 300_000);
});
