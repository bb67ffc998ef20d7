import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ENTITIES, ENTITY_NAMES, type EntityName } from './entities.js';

/** An entity's CSV template: its header and example rows. */
export function csvTemplate(entity: EntityName): string {
  const spec = ENTITIES[entity];
  return stringify([spec.columns.map((c) => c.name), ...spec.examples]);
}

/**
 * The workbook template: one sheet per entity, its header (each cell noting what the column
 * holds) and example rows. Cells are text so clock times and dates read back as typed.
 */
export async function workbookTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lectern';
  for (const entity of ENTITY_NAMES) {
    const spec = ENTITIES[entity];
    const sheet = workbook.addWorksheet(entity);
    sheet.columns = spec.columns.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.max(12, c.name.length + 4),
      style: { numFmt: '@' },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    spec.columns.forEach((c, i) => {
      header.getCell(i + 1).note = `${c.required ? 'Required. ' : ''}${c.note}`;
    });
    for (const example of spec.examples) sheet.addRow(example);
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
