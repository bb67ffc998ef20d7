import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import {
  HAS_ITC,
  ITC_DIR,
  ITC_SKIP_NOTE,
  timetablingTestApp,
  tinyProblem,
  upload,
} from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

describe('terms CRUD', () => {
  it('should create, read, change, duplicate and delete a dated term', async () => {
    const created = await api.post('/timetabling/terms', staff, {
      name: 'Autumn',
      kind: 'dated',
      timeZone: 'Europe/Paris',
      startDate: '2026-09-07',
      endDate: '2026-12-18',
      weekdays: [1, 3, 5],
      periods: [{ start: '08:30', end: '10:00' }],
    });
    expect(created.statusCode).toBe(201);
    const term = created.json().data;
    expect(term).toMatchObject({ kind: 'dated', weekdays: [1, 3, 5], timeZone: 'Europe/Paris' });
    expect(term.periods).toEqual([{ start: '08:30', end: '10:00' }]);
    expect((await api.get(`/timetabling/terms/${term.id}`, learner)).json().data.id).toBe(term.id);
    const changed = await api.patch(`/timetabling/terms/${term.id}`, staff, { name: 'Autumn 26' });
    expect(changed.json().data.name).toBe('Autumn 26');
    const copy = await api.post(`/timetabling/terms/${term.id}/duplicate`, staff, {});
    expect(copy.statusCode).toBe(201);
    expect(copy.json().data).toMatchObject({ name: 'Autumn 26 (copy)', weekdays: [1, 3, 5] });
    expect((await api.del(`/timetabling/terms/${term.id}`, staff)).statusCode).toBe(204);
    expectError(await api.get(`/timetabling/terms/${term.id}`, staff), 404, 'TERM_NOT_FOUND');
  });

  it('should refuse bad input naming the field, and storing nothing', async () => {
    const before = await countRows(t, 'tt_terms');
    expectError(
      await api.post('/timetabling/terms', staff, {
        name: 'X',
        kind: 'dated',
        startDate: '2026-01-01',
      }),
      400,
      'VALIDATION_FAILED',
    );
    const badZone = await api.post('/timetabling/terms', staff, {
      name: 'X',
      timeZone: 'Mars/Olympus',
    });
    expectError(badZone, 400, 'VALIDATION_FAILED');
    expect(badZone.json().error.details[0].path).toBe('/body/timeZone');
    expectError(
      await api.post('/timetabling/terms', staff, { name: 'X', days: 9 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await countRows(t, 'tt_terms')).toBe(before);
  });

  it('should authorize: anonymous 401, learners read but do not manage', async () => {
    expectError(await api.get('/timetabling/terms'), 401, 'UNAUTHORIZED');
    expect((await api.get('/timetabling/terms', learner)).statusCode).toBe(200);
    expectError(
      await api.post('/timetabling/terms', learner, { name: 'X' }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await upload(t, '/timetabling/terms/import', learner, 'a.json', '{}'),
      403,
      'PERMISSION_DENIED',
    );
    expectError(await api.get(`/timetabling/terms/${UNKNOWN_ID}`, staff), 404, 'TERM_NOT_FOUND');
  });
});

describe('POST /timetabling/terms/import', () => {
  it('should import a JSON problem as a new term, with its history', async () => {
    const res = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'tiny.json',
      JSON.stringify(tinyProblem()),
    );
    expect(res.statusCode).toBe(201);
    const term = res.json().data;
    expect(term).toMatchObject({
      name: 'Tiny school',
      kind: 'weekly',
      days: 2,
      sourceFormat: 'json',
    });
    expect(term.counts).toMatchObject({ rooms: 2, instructors: 2, courses: 3, curricula: 1 });
    expect(term.periods.map((p: { start: string }) => p.start)).toEqual([
      '08:00',
      '10:00',
      '14:00',
    ]);
    const history = await api.get(`/timetabling/terms/${term.id}/imports`, staff);
    expect(history.json().data).toMatchObject([
      { format: 'json', fileName: 'tiny.json', courses: 3 },
    ]);
  });

  it('should list every problem of a contradictory file and store nothing', async () => {
    const bad = tinyProblem();
    bad.rooms[1]!.capacity = -5;
    bad.curricula[0]!.courses.push('NOPE');
    bad.courses[1]!.instructors.push('GHOST');
    const before = await countRows(t, 'tt_terms');
    const res = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'bad.json',
      JSON.stringify(bad),
    );
    expectError(res, 422, 'IMPORT_INVALID');
    const messages = res.json().error.details.map((d: { message: string }) => d.message);
    expect(messages).toEqual([
      'must be >= 0',
      'course "ART" names unknown instructor "GHOST"',
      'curriculum "Y1" names missing course "NOPE"',
    ]);
    expect(res.json().error.details[0]).toMatchObject({
      file: 'bad.json',
      field: '/rooms/1/capacity',
    });
    expect(await countRows(t, 'tt_terms')).toBe(before);
    expect(await countRows(t, 'tt_imports')).toBe(1);
  });

  it('should report a broken .ctt with its line, and a missing file field', async () => {
    const res = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'x.ctt',
      'Name: x\nCourses: banana\n',
    );
    expectError(res, 422, 'IMPORT_INVALID');
    expect(res.json().error.details[0].line).toBe(2);
    const wrongField = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'a.json',
      '{}',
      'upload',
    );
    expectError(wrongField, 400, 'VALIDATION_FAILED');
    expect(wrongField.json().error.details[0].path).toBe('/body/file');
  });

  it.skipIf(!HAS_ITC)(
    `should import a shared ITC-2007 instance keeping its ids (${HAS_ITC ? 'comp01' : ITC_SKIP_NOTE})`,
    async () => {
      const text = readFileSync(join(ITC_DIR, 'comp01.ctt'), 'utf8');
      const res = await upload(t, '/timetabling/terms/import', staff, 'comp01.ctt', text);
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toMatchObject({
        sourceFormat: 'ctt',
        days: 5,
        counts: { courses: 30, rooms: 6, curricula: 14 },
      });
    },
  );
});
