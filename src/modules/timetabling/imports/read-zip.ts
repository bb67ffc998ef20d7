import { strFromU8, unzipSync } from 'fflate';
import type { ErrorDetail } from '#platform/errors/index.js';
import { ENTITY_NAMES, entityOfName } from './entities.js';
import { readCsv } from './read-csv.js';
import { issueAt } from './source-table.js';
import type { Tables, TablesRead } from './to-problem.js';

/** The most a zip may unpack to: the upload limit is on the compressed bytes. */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/** Files archivers add on their own, which are not strays. */
const isArtefact = (name: string) =>
  name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);

/** A zip of one CSV per entity: each named after its entity (`rooms.csv`), nothing else. */
export function readZip(file: string, bytes: Uint8Array): TablesRead {
  const issues: ErrorDetail[] = [];
  const tables: Tables = {};
  let unpacked = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        return !isArtefact(f.name) && unpacked <= MAX_UNPACKED_BYTES;
      },
    });
  } catch (err) {
    return {
      tables,
      unreadable: true,
      issues: [issueAt({ file }, `not a readable zip: ${(err as Error).message}`)],
    };
  }
  if (unpacked > MAX_UNPACKED_BYTES)
    return {
      tables,
      unreadable: true,
      issues: [issueAt({ file }, `the zip unpacks to more than ${MAX_UNPACKED_BYTES >> 20} MiB`)],
    };
  for (const [name, data] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
    const entity = name.toLowerCase().endsWith('.csv') ? entityOfName(name) : undefined;
    if (!entity) {
      issues.push(
        issueAt(
          { file: name },
          `unexpected file in the zip: expected only ${ENTITY_NAMES.map((e) => `${e}.csv`).join(', ')}`,
        ),
      );
      continue;
    }
    if (tables[entity]) {
      issues.push(
        issueAt({ file: name }, `a second ${entity} file (after ${tables[entity].file})`),
      );
      continue;
    }
    const read = readCsv(name, strFromU8(data), entity);
    issues.push(...read.issues);
    if (read.table) tables[entity] = read.table;
  }
  return { tables, issues };
}
