import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectError } from '../helpers/factories.js';
import { tinyCsvs, uploadBytes, workbookOf, zipOf } from './imports-fixtures.js';
import { timetablingTestApp, tinyProblem } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

const ENTITIES = [
  'term',
  'periods',
  'rooms',
  'instructors',
  'courses',
  'curricula',
  'unavailability',
  'pins',
  'blackouts',
  'weights',
];
const TINY_COUNTS = { rooms: 2, instructors: 2, courses: 3, curricula: 1 };
const starts = (term: { periods: Array<{ start: string | null }> }) =>
  term.periods.map((p) => p.start);

async function importNew(fileName: string, content: Buffer | string) {
  const res = await uploadBytes(t, '/timetabling/terms/import', staff, fileName, content);
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json().data;
}

describe('GET /timetabling/templates', () => {
  it('should serve a CSV template per entity, header and example rows', async () => {
    for (const entity of ENTITIES) {
      const res = await t.app.inject({
        url: `/api/v1/timetabling/templates/${entity}.csv`,
        headers: learner.auth,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(`${entity}.csv`);
      const lines = res.body.trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(2);
    }
    const rooms = await t.app.inject({
      url: '/api/v1/timetabling/templates/rooms.csv',
      headers: learner.auth,
    });
    expect(rooms.body.split('\n')[0]).toBe('id,name,capacity,building,features');
  });

  it('should serve the workbook with one sheet per entity', async () => {
    const res = await t.app.inject({
      url: '/api/v1/timetabling/templates/workbook.xlsx',
      headers: learner.auth,
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(ENTITIES);
    expect(workbook.getWorksheet('courses')!.getRow(1).getCell(1).value).toBe('id');
  });

  it('should refuse an unknown entity and anonymous callers', async () => {
    expectError(
      await t.app.inject({ url: '/api/v1/timetabling/templates/nope.csv', headers: staff.auth }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.app.inject({ url: '/api/v1/timetabling/templates/rooms.csv' }),
      401,
      'UNAUTHORIZED',
    );
  });
});

describe('POST /timetabling/terms/import (tabular formats)', () => {
  it('should import the same tiny problem from JSON, a zip of CSVs and a workbook', async () => {
    const json = await importNew('tiny.json', JSON.stringify(tinyProblem()));
    const zip = await importNew('tiny.zip', zipOf(tinyCsvs()));
    const xlsx = await importNew('tiny.xlsx', await workbookOf(tinyCsvs()));
    for (const term of [json, zip, xlsx]) {
      expect(term.counts).toMatchObject(TINY_COUNTS);
      expect(term).toMatchObject({ name: 'Tiny school', kind: 'weekly', days: 2 });
      expect(starts(term)).toEqual(['08:00', '10:00', '14:00']);
    }
    expect(zip).toMatchObject({ sourceFormat: 'zip', timeZone: 'Europe/Paris' });
    expect(xlsx.sourceFormat).toBe('xlsx');
    const rooms = (await api.get(`/timetabling/terms/${zip.id}/rooms`, staff)).json().data;
    expect(
      rooms.map((r: { code: string; building: string | null }) => [r.code, r.building]),
    ).toEqual([
      ['R1', 'Main'],
      ['R2', null],
    ]);
    const history = await api.get(`/timetabling/terms/${xlsx.id}/imports`, staff);
    expect(history.json().data).toMatchObject([
      { format: 'xlsx', fileName: 'tiny.xlsx', ...TINY_COUNTS },
    ]);
  });

  it('should round-trip the templates: download, fill in, import', async () => {
    const csv = async (entity: string) =>
      (
        await t.app.inject({
          url: `/api/v1/timetabling/templates/${entity}.csv`,
          headers: staff.auth,
        })
      ).body;
    // The blackouts example is for dated terms; the templates' term is weekly.
    const files: Record<string, string> = {};
    for (const e of ENTITIES.filter((x) => x !== 'blackouts')) files[`${e}.csv`] = await csv(e);
    files['rooms.csv'] += 'R3,Lab,30,Main,lab;projector\n';
    const term = await importNew('templates.zip', zipOf(files));
    expect(term.counts).toMatchObject({ ...TINY_COUNTS, rooms: 3 });

    const res = await t.app.inject({
      url: '/api/v1/timetabling/templates/workbook.xlsx',
      headers: staff.auth,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    workbook.removeWorksheet(workbook.getWorksheet('blackouts')!.id);
    workbook.getWorksheet('courses')!.addRow(['BIO', 'Biology', 2, 1, 25, 'T2']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromWorkbook = await importNew('filled.xlsx', filled);
    expect(fromWorkbook.counts).toMatchObject({ ...TINY_COUNTS, courses: 4 });
  });

  it('should import a single CSV into a term, replacing that entity only', async () => {
    const term = await importNew('tiny.json', JSON.stringify(tinyProblem()));
    // No file name to go by: the header says these are rooms.
    const res = await uploadBytes(
      t,
      `/timetabling/terms/${term.id}/import`,
      staff,
      'upload.csv',
      'id,capacity,features\nA1,100,projector\nA2,50,\nA3,10,\n',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().data.counts).toMatchObject({ ...TINY_COUNTS, rooms: 3 });
    expect(res.json().data.sourceFormat).toBe('csv');
    const history = (await api.get(`/timetabling/terms/${term.id}/imports`, staff)).json().data;
    expect(history.map((h: { format: string }) => h.format)).toEqual(['csv', 'json']);

    const term2 = await importNew('term.csv', 'name,days,periods_per_day\nEmpty grid,5,4\n');
    expect(term2).toMatchObject({ name: 'Empty grid', days: 5, sourceFormat: 'csv' });
    expect(term2.periods).toHaveLength(4);
  });

  it('should import a dated term with its periods, blackouts and dated unavailability', async () => {
    const files = {
      'term.csv':
        'name,kind,time_zone,start_date,end_date,weekdays\nAutumn,dated,Europe/Paris,2026-09-07,2026-10-30,1;3\n',
      'periods.csv': 'period,start,end\n0,08:30,10:00\n1,10:15,11:45\n',
      'rooms.csv': 'id,capacity\nR1,40\n',
      'courses.csv': 'id,meetings,students\nHIST,4,30\n',
      'blackouts.csv': 'date,period\n2026-10-12,\n2026-09-09,1\n',
      'unavailability.csv': 'room,date,period\nR1,2026-09-14,0\n',
    };
    const term = await importNew('autumn.zip', zipOf(files));
    expect(term).toMatchObject({
      kind: 'dated',
      startDate: '2026-09-07',
      endDate: '2026-10-30',
      weekdays: [1, 3],
      timeZone: 'Europe/Paris',
      periods: [
        { start: '08:30', end: '10:00' },
        { start: '10:15', end: '11:45' },
      ],
    });
    expect(term.counts).toMatchObject({ rooms: 1, courses: 1 });
  });

  it('should read dates, clock times and numbers typed as such in a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const add = (name: string, rows: unknown[][]) => {
      const sheet = workbook.addWorksheet(name);
      for (const row of rows) sheet.addRow(row);
    };
    const clock = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));
    add('term', [
      ['name', 'kind', 'start_date', 'end_date', 'weekdays'],
      ['Spring', 'dated', new Date(Date.UTC(2027, 0, 11)), new Date(Date.UTC(2027, 3, 30)), 2],
    ]);
    add('periods', [
      ['period', 'start', 'end'],
      [0, clock(9, 0), clock(10, 30)],
    ]);
    add('rooms', [
      ['id', 'capacity'],
      ['R1', 30],
    ]);
    add('courses', [
      ['id', 'meetings', 'students'],
      ['LAW', 3, 25],
    ]);
    const term = await importNew('spring.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(term).toMatchObject({
      startDate: '2027-01-11',
      endDate: '2027-04-30',
      weekdays: [2],
      periods: [{ start: '09:00', end: '10:30' }],
    });
  });
});
