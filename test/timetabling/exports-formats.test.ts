import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

async function solvedTerm() {
  const res = await upload(
    t,
    '/timetabling/terms/import',
    staff,
    'tiny.json',
    JSON.stringify(tinyProblem()),
  );
  expect(res.statusCode).toBe(201);
  const termId = res.json().data.id as string;
  const solve = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
    solver: 'greedy',
    timeLimitSeconds: 0.5,
  });
  expect(solve.statusCode).toBe(202);
  const until = Date.now() + 20_000;
  for (;;) {
    const s = (await api.get(`/timetabling/solves/${solve.json().data.id}`, staff)).json().data;
    if (s.scheduleId) return { termId, scheduleId: s.scheduleId as string };
    if (Date.now() > until || s.status === 'failed') throw new Error(`solve ${s.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const exportOf = (scheduleId: string, format: string) =>
  api.get(`/timetabling/schedules/${scheduleId}/export?format=${format}`, learner);

describe('schedule exports', () => {
  it('should export one CSV row per meeting with its clock times', async () => {
    const { scheduleId } = await solvedTerm();
    const res = await exportOf(scheduleId, 'csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`schedule-${scheduleId}.csv`);
    const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0]!)).toEqual([
      'course',
      'courseName',
      'meeting',
      'room',
      'instructors',
      'day',
      'weekday',
      'period',
      'start',
      'end',
      'date',
    ]);
    const math = rows.filter((r) => r.course === 'MATH');
    expect(math).toHaveLength(3);
    for (const r of rows) {
      expect(r.room).toMatch(/^R[12]$/);
      expect(r.start).toBe(['08:00', '10:00', '14:00'][Number(r.period)]);
      expect(r.weekday).toBe(['Mon', 'Tue'][Number(r.day)]);
      expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(math[0]!.instructors).toBe('T1');
  });

  it('should export a workbook with a meetings sheet and a grid per room', async () => {
    const { scheduleId } = await solvedTerm();
    const res = await exportOf(scheduleId, 'xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Meetings', 'Room R1', 'Room R2']);
    const meetings = book.getWorksheet('Meetings')!;
    expect(meetings.rowCount).toBe(8);
    expect(meetings.getRow(1).getCell(1).value).toBe('course');
    const schedule = (await api.get(`/timetabling/schedules/${scheduleId}`, staff)).json().data;
    const first = schedule.meetings.find((m: { room: string }) => m.room === 'R1');
    const grid = book.getWorksheet('Room R1')!;
    // Row 1 is the header; period p is row p + 2, day d column d + 2.
    expect(String(grid.getRow(first.period + 2).getCell(first.day + 2).value)).toContain(
      first.course,
    );
    expect(grid.getRow(1).getCell(2).value).toMatch(/^Mon /);
  });

  it('should export iCalendar for a weekly grid as one week', async () => {
    const { scheduleId } = await solvedTerm();
    const res = await exportOf(scheduleId, 'ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(7);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('UTC');
    for (const e of events) expect(e.getFirstProperty('rrule')).toBeNull();
  });

  it('should still answer json and ctt, and refuse other formats', async () => {
    const { scheduleId } = await solvedTerm();
    expect((await exportOf(scheduleId, 'json')).json().meetings).toHaveLength(7);
    expect((await exportOf(scheduleId, 'ctt')).body.trim().split('\n')).toHaveLength(7);
    expectError(await exportOf(scheduleId, 'pdf'), 400, 'VALIDATION_FAILED');
    expectError(await exportOf(UNKNOWN_ID, 'csv'), 404, 'SCHEDULE_NOT_FOUND');
  });

  it('should zip the term: entities as CSV and the schedule in every format', async () => {
    const { termId, scheduleId } = await solvedTerm();
    const res = await api.get(`/timetabling/terms/${termId}/export-all`, learner);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual([
      'entities/courses.csv',
      'entities/curricula.csv',
      'entities/instructors.csv',
      'entities/rooms.csv',
      'schedule/schedule.csv',
      'schedule/schedule.ics',
      'schedule/schedule.json',
      'schedule/schedule.sol',
      'schedule/schedule.xlsx',
    ]);
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(parse(text('entities/rooms.csv'), { columns: true })).toEqual([
      { code: 'R1', name: '', capacity: '40', features: '' },
      { code: 'R2', name: '', capacity: '20', features: '' },
    ]);
    expect(parse(text('entities/curricula.csv'), { columns: true })).toEqual([
      { code: 'Y1', name: '', courses: 'MATH PHYS' },
    ]);
    expect(JSON.parse(text('schedule/schedule.json')).id).toBe(scheduleId);
    expect(text('schedule/schedule.ics')).toContain('BEGIN:VCALENDAR');
    expectError(
      await api.get(`/timetabling/terms/${UNKNOWN_ID}/export-all`, staff),
      404,
      'TERM_NOT_FOUND',
    );
  });
});
