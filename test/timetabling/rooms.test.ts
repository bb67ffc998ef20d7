import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

describe('term rooms', () => {
  it('should upsert rooms in bulk by code, list and delete them', async () => {
    const imported = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'tiny.json',
      JSON.stringify(tinyProblem()),
    );
    const termId = imported.json().data.id;
    const res = await api.send('PUT', `/timetabling/terms/${termId}/rooms`, staff, {
      items: [
        { code: 'R1', capacity: 45, building: 'Main', features: ['projector', 'projector'] },
        { code: 'LAB', capacity: 16, features: ['sinks'] },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject([
      { code: 'LAB', capacity: 16, features: ['sinks'] },
      { code: 'R1', capacity: 45, building: 'Main', features: ['projector'] },
      { code: 'R2', capacity: 20, features: [] },
    ]);
    const listed = await api.get(`/timetabling/terms/${termId}/rooms`, learner);
    expect(listed.json().data).toHaveLength(3);
    const lab = listed.json().data[0].id;
    expect((await api.del(`/timetabling/terms/${termId}/rooms/${lab}`, staff)).statusCode).toBe(
      204,
    );
    expectError(
      await api.del(`/timetabling/terms/${termId}/rooms/${lab}`, staff),
      404,
      'ROOM_NOT_FOUND',
    );
    expect((await api.get(`/timetabling/terms/${termId}`, staff)).json().data.counts.rooms).toBe(2);
  });

  it('should refuse bad items naming them, changing nothing', async () => {
    const imported = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'tiny.json',
      JSON.stringify(tinyProblem()),
    );
    const termId = imported.json().data.id;
    const before = await countRows(t, 'tt_rooms');
    const dup = await api.send('PUT', `/timetabling/terms/${termId}/rooms`, staff, {
      items: [
        { code: 'X', capacity: 1 },
        { code: 'X', capacity: 2 },
      ],
    });
    expectError(dup, 400, 'VALIDATION_FAILED');
    expect(dup.json().error.details[0].path).toBe('/body/items/1/code');
    expectError(
      await api.send('PUT', `/timetabling/terms/${termId}/rooms`, staff, {
        items: [{ code: 'Y', capacity: -1 }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await api.send('PUT', `/timetabling/terms/${termId}/rooms`, learner, {
        items: [{ code: 'Y', capacity: 1 }],
      }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(
      await api.send('PUT', `/timetabling/terms/${UNKNOWN_ID}/rooms`, staff, {
        items: [{ code: 'Y', capacity: 1 }],
      }),
      404,
      'TERM_NOT_FOUND',
    );
    expect(await countRows(t, 'tt_rooms')).toBe(before);
  });
});
