import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from './ics.js';
import { foldLine, icsText } from './ics-text.js';
import { vtimezoneLines } from './vtimezone.js';

/** The UTC instant of a local time in `zone`, as ical.js reads it through our VTIMEZONE. */
function utcOf(zone: string, local: string) {
  const component = new ICAL.Component(
    ICAL.parse(
      ['BEGIN:VCALENDAR', ...vtimezoneLines(zone, 2025, 2027), 'END:VCALENDAR'].join('\r\n'),
    ),
  );
  const timezone = new ICAL.Timezone(component.getFirstSubcomponent('vtimezone')!);
  const time = ICAL.Time.fromDateTimeString(local);
  time.zone = timezone;
  return time.toJSDate().toISOString();
}

describe('vtimezoneLines', () => {
  it("should follow the zone's daylight saving time in both hemispheres", () => {
    expect(utcOf('Europe/Berlin', '2026-01-15T09:00:00')).toBe('2026-01-15T08:00:00.000Z');
    expect(utcOf('Europe/Berlin', '2026-07-15T09:00:00')).toBe('2026-07-15T07:00:00.000Z');
    // Berlin leaves summer time at 03:00 on the last Sunday of October.
    expect(utcOf('Europe/Berlin', '2026-10-25T04:00:00')).toBe('2026-10-25T03:00:00.000Z');
    expect(utcOf('America/New_York', '2026-03-09T09:00:00')).toBe('2026-03-09T13:00:00.000Z');
    expect(utcOf('Australia/Sydney', '2026-01-15T09:00:00')).toBe('2026-01-14T22:00:00.000Z');
    expect(utcOf('Asia/Kolkata', '2026-06-01T09:00:00')).toBe('2026-06-01T03:30:00.000Z');
  });

  it('should mark the summer offsets as DAYLIGHT', () => {
    const lines = vtimezoneLines('Europe/Berlin', 2026, 2026);
    expect(lines.filter((l) => l === 'BEGIN:DAYLIGHT')).toHaveLength(1);
    expect(lines).toContain('DTSTART:20260329T020000');
    expect(lines).toContain('DTSTART:20261025T030000');
    expect(vtimezoneLines('UTC', 2026, 2026)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:UTC',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0000',
      'TZOFFSETTO:+0000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });
});

describe('ics text', () => {
  it('should escape TEXT values and fold long lines at 75 octets', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });
});

describe('buildCalendar', () => {
  it('should break a weekly series where a week is skipped for no holiday', () => {
    const meeting = (date: string, meeting: number) => ({
      course: 'C',
      courseName: null,
      meeting,
      room: 'R',
      instructors: [],
      day: meeting,
      period: 0,
      date,
    });
    const text = buildCalendar({
      name: 'x',
      termId: 't',
      timeZone: 'UTC',
      stamp: new Date('2026-01-01T00:00:00Z'),
      periods: [{ start: '09:00', end: null }],
      excluded: (date) => date === '2026-01-12',
      recurring: true,
      // 5, (12 a holiday), 19: one series; 2 February after a free 26 January: a new one.
      meetings: [meeting('2026-01-05', 0), meeting('2026-01-19', 1), meeting('2026-02-02', 2)],
    });
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual([
      'tt-t-C-0@lectern',
      'tt-t-C-2@lectern',
    ]);
    expect(text).toContain('RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE;TZID=UTC:20260112T090000');
    expect(text).toContain('DTEND;TZID=UTC:20260105T100000');
  });
});
