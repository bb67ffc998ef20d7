import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import type { TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

/** tt-helpers' tinyProblem as one CSV per entity (same grid, rooms, instructors, courses). */
export const tinyCsvs = (): Record<string, string> => ({
  'term.csv': 'name,kind,time_zone,days\nTiny school,weekly,Europe/Paris,2\n',
  'periods.csv': 'period,start,end\n0,08:00,\n1,10:00,\n2,14:00,\n',
  'rooms.csv': 'id,capacity,building\nR1,40,Main\nR2,20,\n',
  'instructors.csv': 'id\nT1\nT2\n',
  'courses.csv':
    'id,meetings,students,instructors,min_days\nMATH,3,35,T1,2\nART,2,15,T2,\nPHYS,2,18,T1,\n',
  'curricula.csv': 'id,courses\nY1,MATH;PHYS\n',
});

/** A zip of files given as text. */
export const zipOf = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)]))));

/** A workbook with one sheet per CSV (named after the file, without `.csv`). */
export async function workbookOf(files: Record<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, text] of Object.entries(files)) {
    const sheet = workbook.addWorksheet(name.replace(/\.csv$/, ''));
    for (const line of text.split('\n').filter(Boolean)) sheet.addRow(line.split(','));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads bytes as the multipart field `file` to an import route. */
export function uploadBytes(
  t: TestApp,
  url: string,
  user: TestUser | undefined,
  fileName: string,
  content: Buffer | string,
) {
  const boundary = `----lectern${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { ...(user?.auth ?? {}), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** The `error.details` of a failed import. */
export interface ImportIssue {
  path?: string;
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}
