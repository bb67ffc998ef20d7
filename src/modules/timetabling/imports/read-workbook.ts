import ExcelJS from 'exceljs';
import type { ErrorDetail } from '#platform/errors/index.js';
import { ENTITY_NAMES, entityOfName } from './entities.js';
import { issueAt, toSourceTable } from './source-table.js';
import type { Tables, TablesRead } from './to-problem.js';

/** Dates before this are Excel's time-of-day cells (day 0 is 1899-12-30). */
const EXCEL_EPOCH_END = Date.UTC(1900, 0, 2);

/** A cell's value as the text a CSV would hold. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return value.getTime() < EXCEL_EPOCH_END ? iso.slice(11, 16) : iso.slice(0, 10);
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** A workbook with one sheet per entity, each named after it (`rooms`), its header in row 1. */
export async function readWorkbook(file: string, bytes: Uint8Array): Promise<TablesRead> {
  const issues: ErrorDetail[] = [];
  const tables: Tables = {};
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    return {
      tables,
      issues: [issueAt({ file }, `not a readable .xlsx workbook: ${(err as Error).message}`)],
    };
  }
  for (const sheet of workbook.worksheets) {
    const entity = entityOfName(sheet.name.trim());
    if (!entity) {
      issues.push(
        issueAt(
          { file, sheet: sheet.name },
          `unexpected sheet "${sheet.name}": expected only ${ENTITY_NAMES.join(', ')}`,
        ),
      );
      continue;
    }
    if (tables[entity]) {
      issues.push(issueAt({ file, sheet: sheet.name }, `a second ${entity} sheet`));
      continue;
    }
    const width = sheet.columnCount;
    const records: Array<{ row: number; cells: string[] }> = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value));
      records.push({ row: rowNumber, cells });
    });
    const read = toSourceTable(entity, { file, sheet: sheet.name }, records);
    issues.push(...read.issues);
    tables[entity] = read.table;
  }
  return { tables, issues };
}
