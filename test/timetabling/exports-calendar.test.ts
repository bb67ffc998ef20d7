import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { timetablingTestApp, upload } from './tt-helpers.js';

const { t, api, staff } = timetablingTestApp({ staff: 'staff' });

/** Debian's python3-icalendar, when installed, reads the export too. */
const HAS_PYTHON_ICALENDAR = spawnSync('/usr/bin/python3', ['-c', 'import icalendar']).status === 0;

/**
 * Four weeks of Mondays and Wednesdays in Berlin with Monday 21 September a holiday. ALG is
 * pinned to Monday 09:00 in R1 in weeks 1, 2 and 4: one weekly series with the holiday excluded.
 */
const datedProblem = () => ({
  name: 'Autumn block',
  time: {
    kind: 'dated',
    start: '2026-09-07',
    end: '2026-10-02',
    weekdays: [1, 3],
    periods: [
      { start: '09:00', end: '10:30' },
      { start: '11:00', end: '12:30' },
    ],
    holidays: ['2026-09-21'],
  },
  rooms: [
    { id: 'R1', capacity: 30 },
    { id: 'R2', capacity: 30 },
  ],
  instructors: [{ id: 'T1' }, { id: 'T2' }],
  courses: [
    {
      id: 'ALG',
      name: 'Algebra',
      meetings: 3,
      students: 20,
      instructors: ['T1'],
      pinned: ['2026-09-07', '2026-09-14', '2026-09-28'].map((date) => ({
        slot: { date, period: 0 },
        room: 'R1',
      })),
    },
    { id: 'BIO', meetings: 2, students: 10, instructors: ['T2'] },
  ],
  curricula: [{ id: 'C1', courses: ['ALG'] }],
});

async function solvedDatedTerm() {
  const res = await upload(
    t,
    '/timetabling/terms/import',
    staff,
    'autumn.json',
    JSON.stringify(datedProblem()),
  );
  expect(res.statusCode).toBe(201);
  const termId = res.json().data.id as string;
  const patched = await api.patch(`/timetabling/terms/${termId}`, staff, {
    timeZone: 'Europe/Berlin',
  });
  expect(patched.statusCode).toBe(200);
  return { termId, scheduleId: await solve(termId) };
}

async function solve(termId: string, seed = 1) {
  const res = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
    solver: 'hybrid',
    timeLimitSeconds: 0.5,
    seed,
  });
  expect(res.statusCode).toBe(202);
  const until = Date.now() + 20_000;
  for (;;) {
    const s = (await api.get(`/timetabling/solves/${res.json().data.id}`, staff)).json().data;
    if (s.scheduleId) return s.scheduleId as string;
    if (Date.now() > until || s.status === 'failed') throw new Error(`solve ${s.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ics = async (scheduleId: string) => {
  const res = await api.get(`/timetabling/schedules/${scheduleId}/export?format=ics`, staff);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  return res.body;
};

/** Every occurrence of every event, as UTC instants, after registering the file's zone. */
function occurrences(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const starts: string[] = [];
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) starts.push(next.toJSDate().toISOString());
    return { uid: event.uid, summary: event.summary, location: event.location, starts };
  });
}

describe('iCalendar export of a dated term', () => {
  it('should repeat weekly in the term zone without the holiday', async () => {
    const { scheduleId } = await solvedDatedTerm();
    const text = await ics(scheduleId);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n');
    expect(text).toMatch(/DTSTART;TZID=Europe\/Berlin:20260907T090000/);
    expect(text).toMatch(/EXDATE;TZID=Europe\/Berlin:20260921T090000/);
    const events = occurrences(text);
    const alg = events.filter((e) => e.summary === 'ALG Algebra');
    expect(alg).toHaveLength(1);
    // 09:00 in Berlin summer time is 07:00 UTC.
    expect(alg[0]!.starts).toEqual([
      '2026-09-07T07:00:00.000Z',
      '2026-09-14T07:00:00.000Z',
      '2026-09-28T07:00:00.000Z',
    ]);
    expect(alg[0]!.location).toBe('R1');
    expect(events.flatMap((e) => e.starts)).toHaveLength(5);
    expect(events.flatMap((e) => e.starts).some((s) => s.startsWith('2026-09-21'))).toBe(false);
  });

  it('should keep UIDs across exports and across a new schedule of the term', async () => {
    const { termId, scheduleId } = await solvedDatedTerm();
    const first = await ics(scheduleId);
    expect(await ics(scheduleId)).toBe(first);
    const uidsOf = (text: string) => occurrences(text).map((e) => e.uid);
    expect(new Set(uidsOf(first)).size).toBe(uidsOf(first).length);
    const algUid = occurrences(first).find((e) => e.summary === 'ALG Algebra')!.uid;
    expect(algUid).toBe(`tt-${termId}-ALG-0@lectern`);
    const again = await solve(termId, 2);
    const next = occurrences(await ics(again)).find((e) => e.summary === 'ALG Algebra');
    expect(next?.uid).toBe(algUid);
  });

  it.skipIf(!HAS_PYTHON_ICALENDAR)(
    'should read the same occurrences with Python icalendar',
    async () => {
      const { scheduleId } = await solvedDatedTerm();
      const script = [
        'import sys, icalendar',
        'cal = icalendar.Calendar.from_ical(sys.stdin.read())',
        'for e in cal.walk("VEVENT"):',
        '  ex = e.get("EXDATE")',
        '  print(e.get("UID"), e.get("DTSTART").dt.isoformat(), e.get("RRULE", {}).get("COUNT", [1])[0], ex.dts[0].dt.isoformat() if ex else "-")',
      ].join('\n');
      const run = spawnSync('/usr/bin/python3', ['-c', script], {
        input: await ics(scheduleId),
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const alg = run.stdout.split('\n').find((l) => l.includes('-ALG-'));
      expect(alg).toMatch(/ 2026-09-07T09:00:00\+02:00 4 2026-09-21T09:00:00\+02:00$/);
    },
  );
});
