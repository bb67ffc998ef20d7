import { icsDocument, icsText, localDateTime, utcDateTime } from './ics-text.js';
import { vtimezoneLines } from './vtimezone.js';

/** One placed meeting as a calendar sees it. */
export interface CalendarMeeting {
  course: string;
  courseName: string | null;
  meeting: number;
  room: string | null;
  instructors: string[];
  day: number;
  period: number;
  /** Its date: dated terms' own; weekly grids' in the week shown. */
  date: string;
}

export interface CalendarInput {
  name: string;
  termId: string;
  timeZone: string;
  /** When the schedule was published (or made): every event's DTSTAMP, so exports are stable. */
  stamp: Date;
  /** Clock times per period; a missing end is an hour after the start. */
  periods: Array<{ start: string; end: string | null }>;
  /** Weekly series may skip only dates (and periods) where nothing can be taught. */
  excluded: (date: string, period: number) => boolean;
  /** Dated terms repeat weekly; a weekly grid shows one week and never repeats. */
  recurring: boolean;
  meetings: CalendarMeeting[];
}

const DAY = 86_400_000;
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

function plusHour(clock: string): string {
  const [h, m] = clock.split(':').map(Number);
  const minutes = Math.min(((h ?? 0) + 1) * 60 + (m ?? 0), 23 * 60 + 59);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Meetings at the same weekday, period and room, a whole number of weeks apart. */
interface Series {
  first: CalendarMeeting;
  dates: string[];
  exdates: string[];
}

/**
 * Groups a course's meetings into weekly series: the next meeting joins a series when it falls
 * on the same weekday, period and room some weeks later and every week skipped in between is a
 * holiday or blacked out (those become EXDATEs); otherwise it starts a series of its own.
 */
function seriesOf(input: CalendarInput): Series[] {
  const sorted = [...input.meetings].sort(
    (a, b) =>
      a.course.localeCompare(b.course) || a.date.localeCompare(b.date) || a.period - b.period,
  );
  if (!input.recurring) return sorted.map((m) => ({ first: m, dates: [m.date], exdates: [] }));
  const open = new Map<string, Series>();
  const all: Series[] = [];
  for (const m of sorted) {
    const weekday = new Date(`${m.date}T00:00:00Z`).getUTCDay();
    const key = `${m.course}\u0000${weekday}\u0000${m.period}\u0000${m.room ?? ''}`;
    const series = open.get(key);
    const last = series?.dates.at(-1);
    if (series && last) {
      const gap = daysBetween(last, m.date);
      const weeks = gap > 0 && gap % 7 === 0 ? gap / 7 : 0;
      const skipped = Array.from({ length: Math.max(0, weeks - 1) }, (_, i) =>
        addDays(last, 7 * (i + 1)),
      );
      if (weeks > 0 && skipped.every((d) => input.excluded(d, m.period))) {
        series.exdates.push(...skipped);
        series.dates.push(m.date);
        continue;
      }
    }
    const fresh = { first: m, dates: [m.date], exdates: [] };
    open.set(key, fresh);
    all.push(fresh);
  }
  return all;
}

/** A stable UID: the same term, course and (first) meeting always name the same event. */
export const eventUid = (termId: string, course: string, meeting: number) =>
  `tt-${termId}-${encodeURIComponent(course)}-${meeting}@lectern`;

/**
 * An iCalendar (RFC 5545) object of the meetings, in the term's zone (with its VTIMEZONE):
 * dated terms as weekly RRULEs with EXDATEs for holidays and blackouts, weekly grids as one week.
 */
export function buildCalendar(input: CalendarInput): string {
  const tz = input.timeZone;
  const stamp = utcDateTime(input.stamp);
  const series = seriesOf(input);
  const dates = input.meetings.map((m) => m.date).sort();
  const fromYear = Number((dates[0] ?? input.stamp.toISOString()).slice(0, 4)) - 1;
  const toYear = Number((dates.at(-1) ?? input.stamp.toISOString()).slice(0, 4)) + 1;
  const events = series.flatMap(({ first, dates: on, exdates }) => {
    const period = input.periods[first.period] ?? { start: '08:00', end: null };
    const end = period.end ?? plusHour(period.start);
    const summary = first.courseName ? `${first.course} ${first.courseName}` : first.course;
    const lines = [
      'BEGIN:VEVENT',
      `UID:${eventUid(input.termId, first.course, first.meeting)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${tz}:${localDateTime(first.date, period.start)}`,
      `DTEND;TZID=${tz}:${localDateTime(first.date, end)}`,
      `SUMMARY:${icsText(summary)}`,
    ];
    if (first.room) lines.push(`LOCATION:${icsText(first.room)}`);
    if (first.instructors.length)
      lines.push(`DESCRIPTION:${icsText(`Instructors: ${first.instructors.join(', ')}`)}`);
    if (on.length > 1) {
      // COUNT covers the skipped weeks too: EXDATE removes them from the recurrence set.
      lines.push(`RRULE:FREQ=WEEKLY;COUNT=${on.length + exdates.length}`);
      if (exdates.length)
        lines.push(
          `EXDATE;TZID=${tz}:${exdates.map((d) => localDateTime(d, period.start)).join(',')}`,
        );
    }
    lines.push('END:VEVENT');
    return lines;
  });
  return icsDocument([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lectern//Timetabling//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(input.name)}`,
    `X-WR-TIMEZONE:${tz}`,
    ...vtimezoneLines(tz, fromYear, toYear),
    ...events,
    'END:VCALENDAR',
  ]);
}
