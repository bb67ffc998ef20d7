import ExcelJS from 'exceljs';
import type { ExportSource } from './source.js';
import { MEETING_COLUMNS, meetingRows } from './table.js';

/** Excel's sheet names: at most 31 characters, none of `[]:*?/\`. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);

/**
 * The schedule as a workbook: a `Meetings` sheet (one row per meeting, as the CSV) and, per
 * room, a grid with the periods down and the term's days across, each cell its course.
 */
export async function scheduleXlsx(source: ExportSource): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lectern';
  const rows = meetingRows(source);
  const meetings = book.addWorksheet('Meetings');
  meetings.columns = MEETING_COLUMNS.map((c) => ({ header: c, key: c, width: 14 }));
  for (const row of rows) meetings.addRow(row);
  meetings.getRow(1).font = { bold: true };

  // Weekly grids show every day; dated terms only the days with a meeting (not a whole year).
  const placed = [...new Set(rows.filter((r) => r.day !== null).map((r) => r.day as number))];
  const days =
    source.term.kind === 'weekly'
      ? Array.from({ length: Math.max(source.term.days, ...placed.map((d) => d + 1)) }, (_, d) => d)
      : placed.sort((a, b) => a - b);
  const labels = days.map((d) => {
    const sample = rows.find((r) => r.day === d);
    return sample ? `${sample.weekday} ${sample.date}` : `day ${d}`;
  });
  const used = new Set<string>(['Meetings']);
  for (const room of source.problem.rooms) {
    let name = sheetName(`Room ${room.id}`);
    for (let n = 2; used.has(name); n++)
      name = `${sheetName(`Room ${room.id}`).slice(0, 26)} (${n})`;
    used.add(name);
    const sheet = book.addWorksheet(name);
    sheet.addRow(['period', ...labels]).font = { bold: true };
    for (let p = 0; p < source.term.periods.length; p++) {
      const cells = days.map((d) =>
        rows
          .filter((r) => r.room === room.id && r.day === d && r.period === p)
          .map((r) => r.course)
          .join(', '),
      );
      const first = rows.find((r) => r.period === p);
      sheet.addRow([first?.start ? `${p} (${first.start})` : String(p), ...cells]);
    }
    sheet.columns.forEach((c) => {
      c.width = 16;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
