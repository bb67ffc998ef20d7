import { describe, expect, it } from 'vitest';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { upload } from './tt-helpers.js';

const { t, staff } = useCatalogTestApp({ staff: 'staff' });

/** Three weeks, Monday to Friday, with a holiday on the second Friday. */
const datedProblem = (unavailable: object[]) => ({
  name: 'Weekday rules',
  time: {
    kind: 'dated',
    start: '2026-09-07',
    end: '2026-09-25',
    weekdays: [1, 2, 3, 4, 5],
    holidays: ['2026-09-18'],
    periods: [
      { start: '09:00', end: '10:00' },
      { start: '10:00', end: '11:00' },
    ],
  },
  rooms: [{ id: 'R1', capacity: 30 }],
  instructors: [{ id: 'T1', unavailable }],
  courses: [{ id: 'C1', meetings: 2, students: 10, instructors: ['T1'] }],
  curricula: [],
});

const rulesOf = (termId: string) =>
  t.database.query<{ date: string | null; period: number | null }>(
    `select to_char(date, 'YYYY-MM-DD') as date, period from tt_slot_rules
     where term_id = $1 order by date, period`,
    [termId],
  );

describe('weekday slot references', () => {
  it('should import a dated term whose rules name a weekday, as one rule per teaching day', async () => {
    const res = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'weekdays.json',
      JSON.stringify(datedProblem([{ weekday: 5 }, { weekday: 1, period: 1 }])),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(await rulesOf(res.json().data.id)).toEqual([
      { date: '2026-09-07', period: 1 },
      { date: '2026-09-11', period: null },
      { date: '2026-09-14', period: 1 },
      { date: '2026-09-21', period: 1 },
      { date: '2026-09-25', period: null },
    ]);
  });
});
