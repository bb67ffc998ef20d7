import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { solvedTerm } from './schedules-fixtures.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

async function tinyTerm() {
  const imported = await upload(
    t,
    '/timetabling/terms/import',
    staff,
    'tiny.json',
    JSON.stringify(tinyProblem()),
  );
  return imported.json().data.id as string;
}

describe('term rooms, one at a time', () => {
  it('should create, get, patch a room with unavailable slots', async () => {
    const termId = await tinyTerm();
    const base = `/timetabling/terms/${termId}/rooms`;
    expectError(
      await api.post(base, learner, { code: 'HALL', capacity: 200 }),
      403,
      'PERMISSION_DENIED',
    );
    const created = await api.post(base, staff, {
      code: 'HALL',
      capacity: 200,
      building: 'North',
      features: ['stage', 'projector', 'stage'],
      unavailable: [
        { day: 1, period: 2 },
        { day: 0, period: 0 },
      ],
    });
    expect(created.statusCode).toBe(201);
    const room = created.json().data;
    expect(room).toMatchObject({
      code: 'HALL',
      capacity: 200,
      building: 'North',
      features: ['projector', 'stage'],
      unavailable: [
        { day: 0, period: 0 },
        { day: 1, period: 2 },
      ],
    });
    expect(created.headers.location).toBe(`/api/v1${base}/${room.id}`);
    expect((await api.get(`${base}/${room.id}`, learner)).json().data).toEqual(room);
    const patched = await api.patch(`${base}/${room.id}`, staff, {
      capacity: 150,
      unavailable: [],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().data).toMatchObject({
      code: 'HALL',
      capacity: 150,
      building: 'North',
      features: ['projector', 'stage'],
      unavailable: [],
    });
    expectError(await api.get(`${base}/${UNKNOWN_ID}`, staff), 404, 'ROOM_NOT_FOUND');
    expectError(
      await api.patch(`${base}/${UNKNOWN_ID}`, staff, { capacity: 1 }),
      404,
      'ROOM_NOT_FOUND',
    );
  });

  it('should refuse a taken code, bad fields and slots off the grid, naming the field', async () => {
    const termId = await tinyTerm();
    const base = `/timetabling/terms/${termId}/rooms`;
    const before = await countRows(t, 'tt_rooms');
    const taken = await api.post(base, staff, { code: 'R1', capacity: 10 });
    expectError(taken, 409, 'ROOM_CODE_TAKEN');
    expect(taken.json().error.details[0].path).toBe('/body/code');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: 'X', capacity: -1 }, '/body/capacity'],
      [{ code: 'X', capacity: 1.5 }, '/body/capacity'],
      [{ code: 'X', capacity: 1, building: '' }, '/body/building'],
      [{ code: 'X', capacity: 1, features: ['  '] }, '/body/features/0'],
      [{ code: 'X', capacity: 1, unavailable: [{ day: 5, period: 0 }] }, '/body/unavailable/0'],
      [{ code: 'X', capacity: 1, unavailable: [{ date: '2026-09-07' }] }, '/body/unavailable/0'],
    ];
    for (const [body, path] of cases) {
      const res = await api.post(base, staff, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(
        res.json().error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expectError(
      await api.post(`/timetabling/terms/${UNKNOWN_ID}/rooms`, staff, { code: 'X', capacity: 1 }),
      404,
      'TERM_NOT_FOUND',
    );
    expect(await countRows(t, 'tt_rooms')).toBe(before);
    const rooms = (await api.get(base, staff)).json().data;
    const r2 = rooms.find((r: { code: string }) => r.code === 'R2').id;
    expectError(await api.patch(`${base}/${r2}`, staff, { code: 'R1' }), 409, 'ROOM_CODE_TAKEN');
    expect((await api.patch(`${base}/${r2}`, staff, { code: 'R2' })).statusCode).toBe(200);
    const bulk = await api.send('PUT', base, staff, {
      items: [
        { code: 'A', capacity: 1 },
        { code: 'B', capacity: 1, unavailable: [{ day: 0, period: 9 }] },
      ],
    });
    expectError(bulk, 400, 'VALIDATION_FAILED');
    expect(bulk.json().error.details[0].path).toBe('/body/items/1/unavailable/0');
    expect(await countRows(t, 'tt_rooms')).toBe(before);
  });

  it('should page the list by code with the default limit 20', async () => {
    const termId = await tinyTerm();
    const base = `/timetabling/terms/${termId}/rooms`;
    const items = Array.from({ length: 23 }, (_, i) => ({
      code: `X${String(i).padStart(2, '0')}`,
      capacity: i,
    }));
    expect((await api.send('PUT', base, staff, { items })).statusCode).toBe(200);
    const first = await api.get(base, staff);
    expect(first.json().data).toHaveLength(20);
    const next = first.json().meta.nextCursor as string;
    expect(next).toBeTruthy();
    const codes = first.json().data.map((r: { code: string }) => r.code);
    const second = await api.get(`${base}?cursor=${encodeURIComponent(next)}`, staff);
    codes.push(...second.json().data.map((r: { code: string }) => r.code));
    expect(second.json().meta.nextCursor).toBeNull();
    expect(codes).toHaveLength(25);
    expect(codes).toEqual([...codes].sort());
    expect((await api.get(`${base}?limit=100`, staff)).json().data).toHaveLength(25);
  });

  it('should refuse to delete a room in use unless forced', async () => {
    const { termId, scheduleId } = await solvedTerm(t, api, staff, tinyProblem());
    const schedule = (await api.get(`/timetabling/schedules/${scheduleId}`, staff)).json().data;
    const roomId = schedule.meetings.find((m: { roomId: string | null }) => m.roomId).roomId;
    const url = `/timetabling/terms/${termId}/rooms/${roomId}`;
    expectError(await api.del(url, staff), 409, 'ROOM_IN_USE');
    expectError(await api.del(`${url}?force=true`, learner), 403, 'PERMISSION_DENIED');
    expect((await api.get(url, staff)).statusCode).toBe(200);
    expect((await api.del(`${url}?force=true`, staff)).statusCode).toBe(204);
    expectError(await api.get(url, staff), 404, 'ROOM_NOT_FOUND');
    const after = (await api.get(`/timetabling/schedules/${scheduleId}`, staff)).json().data;
    expect(after.meetings.some((m: { roomId: string | null }) => m.roomId === roomId)).toBe(false);
  });
});
