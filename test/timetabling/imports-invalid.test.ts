import { describe, expect, it } from 'vitest';
import { countRows, expectError } from '../helpers/factories.js';
import { type ImportIssue, tinyCsvs, uploadBytes, workbookOf, zipOf } from './imports-fixtures.js';
import { timetablingTestApp } from './tt-helpers.js';

const { t, staff } = timetablingTestApp({ staff: 'staff' });

/** Uploads a bad file: 422 IMPORT_INVALID, no term and no import stored; its issues. */
async function rejected(fileName: string, content: Buffer | string): Promise<ImportIssue[]> {
  const terms = await countRows(t, 'tt_terms');
  const imports = await countRows(t, 'tt_imports');
  const res = await uploadBytes(t, '/timetabling/terms/import', staff, fileName, content);
  expectError(res, 422, 'IMPORT_INVALID');
  expect(await countRows(t, 'tt_terms')).toBe(terms);
  expect(await countRows(t, 'tt_imports')).toBe(imports);
  const issues: ImportIssue[] = res.json().error.details;
  for (const i of issues) expect(i.path).toBe('/file');
  return issues.map(({ path: _, ...rest }) => rest);
}

describe('POST /timetabling/terms/import (bad tabular files)', () => {
  it('should list every problem of a contradictory zip with file, row and column', async () => {
    const files = {
      ...tinyCsvs(),
      'rooms.csv': 'id,capacity\nR1,40\nR2,-5\n',
      'curricula.csv': 'id,courses\nY1,MATH;NOPE\n',
      'pins.csv': 'course,day,period,room\nART,1,2,R9\n',
      'unavailability.csv': 'instructor,day,period\nT1,0,7\nT9,1,0\nT2,5,0\n',
    };
    expect(await rejected('bad.zip', zipOf(files))).toEqual([
      {
        file: 'rooms.csv',
        row: 3,
        column: 'capacity',
        message: 'capacity must be 0 or more, got -5',
      },
      {
        file: 'unavailability.csv',
        row: 2,
        column: 'period',
        message: 'period 7 is outside the 3 periods of a day',
      },
      {
        file: 'unavailability.csv',
        row: 3,
        column: 'instructor',
        message: 'unknown instructor "T9"',
      },
      {
        file: 'unavailability.csv',
        row: 4,
        column: 'day',
        message: 'day 5 is outside the 2 days of the week',
      },
      {
        file: 'pins.csv',
        row: 2,
        column: 'room',
        message: 'course "ART" is pinned to unknown room "R9"',
      },
      {
        file: 'curricula.csv',
        row: 2,
        column: 'courses',
        message: 'curriculum "Y1" names missing course "NOPE"',
      },
    ]);
  });

  it('should report bad cells of a workbook on their sheet, and a missing column', async () => {
    const files = {
      ...tinyCsvs(),
      'term.csv': 'name,kind,time_zone,days\nX,weekly,Mars/Olympus,9\n',
      'rooms.csv': 'id,building\nR1,Main\n',
      'courses.csv': 'id,meetings,students,instructors\nMATH,three,35,T1\nART,2,15,T7\n',
    };
    const issues = await rejected('bad.xlsx', await workbookOf(files));
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          file: 'bad.xlsx',
          sheet: 'term',
          row: 2,
          column: 'time_zone',
          message: 'unknown IANA time zone "Mars/Olympus"',
        },
        {
          file: 'bad.xlsx',
          sheet: 'term',
          row: 2,
          column: 'days',
          message: 'a week has 1 to 7 teaching days, got 9',
        },
        {
          file: 'bad.xlsx',
          sheet: 'rooms',
          row: 1,
          column: 'capacity',
          message: 'missing column "capacity"',
        },
        {
          file: 'bad.xlsx',
          sheet: 'courses',
          row: 2,
          column: 'meetings',
          message: 'meetings must be a whole number, got "three"',
        },
        {
          file: 'bad.xlsx',
          sheet: 'courses',
          row: 3,
          column: 'instructors',
          message: 'course "ART" names unknown instructor "T7"',
        },
        {
          file: 'bad.xlsx',
          sheet: 'curricula',
          row: 2,
          column: 'courses',
          message: 'curriculum "Y1" names missing course "PHYS"',
        },
      ]),
    );
    expect(issues).toHaveLength(6);
  });

  it('should name a missing sheet of a workbook', async () => {
    const { 'rooms.csv': _, ...rest } = tinyCsvs();
    expect(await rejected('no-rooms.xlsx', await workbookOf(rest))).toEqual([
      { file: 'no-rooms.xlsx', sheet: 'rooms', message: 'missing sheet "rooms"' },
    ]);
    const stray = await workbookOf({ ...tinyCsvs(), 'notes.csv': 'a\nb\n' });
    expect((await rejected('stray.xlsx', stray))[0]).toMatchObject({
      sheet: 'notes',
      message: expect.stringContaining('unexpected sheet "notes"'),
    });
  });

  it('should report a stray file in a zip', async () => {
    const files = { ...tinyCsvs(), 'notes.txt': 'hello', 'old/rooms-2025.csv': 'id\n' };
    const issues = await rejected('stray.zip', zipOf(files));
    expect(issues.map((i) => i.file)).toEqual(['notes.txt', 'old/rooms-2025.csv']);
    expect(issues[0]!.message).toMatch(/^unexpected file in the zip/);
  });

  it('should refuse files it cannot read or place', async () => {
    expect(await rejected('x.zip', 'not a zip')).toEqual([
      { file: 'x.zip', message: 'not a readable zip: invalid zip data' },
    ]);
    const unknown = await rejected('x.csv', 'a,b\n1,2\n');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toMatch(/^cannot tell which entity this CSV holds/);
    expect((await rejected('rooms.csv', 'id,capacity\nR1,40\n'))[0]!.message).toMatch(
      /^a new term needs its term/,
    );
    expect(await rejected('notes.txt', 'hello')).toHaveLength(1);
  });

  it('should check a dated grid: periods need times, blackouts fall inside the term', async () => {
    const files = {
      'term.csv': 'name,kind,start_date,end_date\nAutumn,dated,2026-09-07,2026-09-01\n',
      'periods.csv': 'period,start,end\n0,08:30,\n2,25:00,11:00\n',
      'rooms.csv': 'id,capacity\nR1,40\n',
      'courses.csv': 'id,meetings,students\nHIST,4,30\n',
      'blackouts.csv': 'date,period\n2027-01-01,\n',
    };
    const issues = await rejected('autumn.zip', zipOf(files));
    expect(issues.map((i) => [i.file, i.row, i.column]).sort()).toEqual([
      ['blackouts.csv', 2, 'date'],
      ['periods.csv', 2, 'end'],
      ['periods.csv', 3, 'period'],
      ['periods.csv', 3, 'start'],
      ['term.csv', 2, 'end_date'],
    ]);
  });
});
