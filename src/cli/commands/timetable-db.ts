import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { OPERATOR } from '#modules/timetabling/demo.js';
import {
  createExportService,
  EXPORT_FORMATS,
  type ExportFormat,
} from '#modules/timetabling/exports/service.js';
import { createScheduleService } from '#modules/timetabling/schedules/service.js';
import { createTermService } from '#modules/timetabling/terms/service.js';
import { DB_NOTE, onDatabase } from './timetable-db-shared.js';

/** `lectern timetable import` and `export`: terms and schedules of the configured database. */
export function registerTimetableDbCommands(tt: Command): void {
  tt.command('import')
    .description(
      'import a term into the database from a file, as the API does (.ctt, .json, .csv, .zip, .xlsx)',
    )
    .argument('<file>', 'the term: an ITC-2007 instance, a JSON problem, a CSV, zip or workbook')
    .option('--term <name>', "the new term's name (default: the name in the file)")
    .addHelpText('after', `\n${DB_NOTE}`)
    .action(async (file: string, o: { term?: string }) => {
      const bytes = await readFile(file);
      await onDatabase('import', async ({ db }) => {
        const terms = createTermService(db);
        let term = await terms.importNew(OPERATOR, {
          name: basename(file),
          text: bytes.toString('utf8'),
          bytes: new Uint8Array(bytes),
        });
        if (o.term) term = await terms.update(OPERATOR, term.id, { name: o.term });
        const c = term.counts;
        console.log(
          `${term.id}\t${term.name}\t${c.courses} courses, ${c.rooms} rooms, ${c.instructors} instructors, ${c.curricula} curricula`,
        );
      });
    });

  tt.command('export')
    .description('export a stored schedule as a file, as GET /schedules/:id/export does')
    .argument('<schedule-id>', 'the schedule (its id, as `timetable solve --term` prints it)')
    .addOption(
      new Option('--format <format>', 'the file format')
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write the file here (default: stdout)')
    .addHelpText('after', `\n${DB_NOTE}`)
    .action(async (id: string, o: { format: ExportFormat; out?: string }) => {
      await onDatabase('export', async ({ db }) => {
        const schedules = createScheduleService(db);
        const file = await createExportService(db, schedules).export(id, o.format);
        if (o.out) {
          await writeFile(o.out, file.body);
          console.log(`wrote ${o.out} (${file.contentType})`);
        } else process.stdout.write(file.body);
      });
    });
}
