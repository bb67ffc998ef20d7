import { strToU8, zipSync } from 'fflate';
import { type Database, isUuid } from '#platform/db/index.js';
import { listSchedules } from '../schedules/repository.js';
import type { ScheduleService } from '../schedules/service.js';
import { loadProblem } from '../terms/problem-store.js';
import { findTerm } from '../terms/repository.js';
import { termNotFound } from '../terms/service.js';
import { entityCsvs, scheduleCsv } from './csv.js';
import { calendarOf, type ExportSource, loadSource } from './source.js';
import { scheduleXlsx } from './xlsx.js';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'ics', 'ctt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: string | Buffer;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Schedules as files: `json` and `ctt` from the schedule service, `csv`, `xlsx`, `ics` here. */
export function createExportService(db: Database, schedules: ScheduleService) {
  async function exportSchedule(
    id: string,
    format: ExportFormat,
    loaded?: ExportSource,
  ): Promise<ExportFile> {
    if (format === 'json' || format === 'ctt') return schedules.export(id, format);
    const source = loaded ?? (await loadSource(db, schedules, id));
    const base = `schedule-${id}`;
    if (format === 'csv')
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: `${base}.csv`,
        body: scheduleCsv(source),
      };
    if (format === 'xlsx')
      return { contentType: XLSX_TYPE, fileName: `${base}.xlsx`, body: await scheduleXlsx(source) };
    return {
      contentType: 'text/calendar; charset=utf-8',
      fileName: `${base}.ics`,
      body: calendarOf(source, `${source.term.name}: ${source.schedule.name}`),
    };
  }

  return {
    export: exportSchedule,

    /**
     * A zip of the term: its entities as CSV and, when it has a schedule (the published one, else
     * the newest), that schedule in every format, under `schedule/`.
     */
    async exportAll(termId: string): Promise<ExportFile & { body: Buffer }> {
      const term = isUuid(termId) ? await findTerm(db, termId) : undefined;
      if (!term) throw termNotFound();
      const loaded = (await loadProblem(db, termId))!;
      const files: Record<string, Uint8Array> = {};
      for (const [name, text] of Object.entries(entityCsvs(loaded.problem)))
        files[`entities/${name}`] = strToU8(text);
      const all = await listSchedules(db, termId);
      const chosen = all.find((s) => s.published) ?? all[0];
      const source = chosen ? await loadSource(db, schedules, chosen.id) : undefined;
      if (chosen)
        for (const format of EXPORT_FORMATS) {
          const file = await exportSchedule(chosen.id, format, source);
          const name = `schedule/${file.fileName.replace(`schedule-${chosen.id}`, 'schedule')}`;
          files[name] = typeof file.body === 'string' ? strToU8(file.body) : file.body;
        }
      return {
        contentType: 'application/zip',
        fileName: `term-${termId}.zip`,
        body: Buffer.from(zipSync(files)),
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
