import { type ExportSource, meetingDate, periodClocks } from './source.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const MEETING_COLUMNS = [
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
] as const;

export type MeetingRow = Record<(typeof MEETING_COLUMNS)[number], string | number | null>;

const weekdayOf = (date: string | null) =>
  date ? WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]! : null;

/**
 * One row per meeting, in course order: the clock times the term gives its periods and, for
 * weekly grids, the date in the week a calendar shows (unplaced meetings keep empty cells).
 */
export function meetingRows(source: ExportSource): MeetingRow[] {
  const clocks = periodClocks(source);
  return source.schedule.meetings.map((m) => {
    const date = meetingDate(source, m);
    const clock = m.period === null ? undefined : clocks[m.period];
    return {
      course: m.course,
      courseName: m.courseName,
      meeting: m.meeting,
      room: m.room,
      instructors: m.instructors.join(' '),
      day: m.day,
      weekday: weekdayOf(date),
      period: m.period,
      start: m.start ?? clock?.start ?? null,
      end: m.end ?? clock?.end ?? null,
      date,
    };
  });
}
