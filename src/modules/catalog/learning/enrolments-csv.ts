import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Executor } from '#platform/db/index.js';
import { progressPercent } from './dto.js';
import { listEnrolmentsForExport } from './repository.js';

const BATCH = 500;

export const ENROLMENT_CSV_COLUMNS = [
  'Learner name',
  'Email',
  'Status',
  'Enrolled at',
  'Completed at',
  'Progress percent',
  'Last activity',
] as const;

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@` (or a tab/CR) as a formula;
 * learners choose their names, so such cells get a leading apostrophe (OWASP "CSV injection").
 */
export function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The course's enrolments, read in keyset batches so memory stays flat whatever the size. */
async function* enrolmentRecords(executor: Executor, courseId: string) {
  let after: string | undefined;
  for (;;) {
    const batch = await listEnrolmentsForExport(executor, courseId, after, BATCH);
    for (const row of batch)
      yield [
        defuseFormula(row.name),
        defuseFormula(row.email),
        row.status,
        row.enrolledAt.toISOString(),
        row.completedAt?.toISOString() ?? '',
        progressPercent(row.totalLessons, row.completedLessons, row.status),
        row.lastActivityAt?.toISOString() ?? '',
      ];
    if (batch.length < BATCH) return;
    after = batch.at(-1)!.id;
  }
}

/**
 * A CSV stream of one row per enrolment, with a header row. A failure while streaming (the
 * headers are gone by then) destroys the stream, so the client sees a cut-off download rather
 * than a file that looks complete; `onError` gets the cause for the log.
 */
export function enrolmentsCsv(
  executor: Executor,
  courseId: string,
  onError: (error: unknown) => void,
): Transform {
  const csv = stringify({ header: true, columns: [...ENROLMENT_CSV_COLUMNS] });
  pipeline(Readable.from(enrolmentRecords(executor, courseId)), csv).catch(onError);
  return csv;
}
