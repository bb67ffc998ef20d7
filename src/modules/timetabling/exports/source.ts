import type { Database } from '#platform/db/index.js';
import type { Problem } from '../engine/index.js';
import type { ScheduleService } from '../schedules/service.js';
import { loadProblem } from '../terms/problem-store.js';
import { findTerm, type TermDetail } from '../terms/repository.js';
import { buildCalendar, type CalendarMeeting } from './ics.js';

export type ScheduleDetail = Awaited<ReturnType<ScheduleService['get']>>;
export type Meeting = ScheduleDetail['meetings'][number];

/** What every export of a schedule reads: the schedule, its term and the term's problem. */
export interface ExportSource {
  schedule: ScheduleDetail;
  term: TermDetail;
  problem: Problem;
}

export async function loadSource(
  db: Database,
  schedules: ScheduleService,
  scheduleId: string,
): Promise<ExportSource> {
  const schedule = await schedules.get(scheduleId);
  const [term, loaded] = await Promise.all([
    findTerm(db, schedule.termId),
    loadProblem(db, schedule.termId),
  ]);
  return { schedule, term: term!, problem: loaded!.problem };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday of the week a weekly grid is shown in: its start date's, or its creation's. */
function weekShown(term: TermDetail): string {
  const from = term.startDate
    ? Date.parse(`${term.startDate}T00:00:00Z`)
    : Date.parse(`${term.createdAt.toISOString().slice(0, 10)}T00:00:00Z`);
  const weekday = (new Date(from).getUTCDay() + 6) % 7;
  return isoDay(from - weekday * DAY);
}

/** The meeting's date: its own in a dated term, its weekday's in the week shown otherwise. */
export function meetingDate(source: ExportSource, m: Meeting): string | null {
  if (m.day === null) return null;
  if (m.date) return m.date;
  return isoDay(Date.parse(`${weekShown(source.term)}T00:00:00Z`) + m.day * DAY);
}

/** Clock times of each period; ITC grids have none, so period p starts at 08:00 + p hours. */
export function periodClocks(source: ExportSource) {
  return source.term.periods.map((p, i) => ({
    start: p.start ?? `${String(8 + i).padStart(2, '0')}:00`,
    end: p.end,
  }));
}

/** The schedule (or the meetings `keep` keeps) as an iCalendar object named `name`. */
export function calendarOf(
  source: ExportSource,
  name: string,
  keep: (m: Meeting) => boolean = () => true,
): string {
  const { problem, schedule, term } = source;
  const time = problem.time;
  const holidays = new Set(time.kind === 'dated' ? (time.holidays ?? []) : []);
  const blackouts = new Set(
    time.kind === 'dated' ? (time.blackouts ?? []).map((b) => `${b.date}/${b.period}`) : [],
  );
  const meetings: CalendarMeeting[] = [];
  for (const m of schedule.meetings) {
    const date = meetingDate(source, m);
    if (date === null || m.day === null || m.period === null || !keep(m)) continue;
    meetings.push({
      course: m.course,
      courseName: m.courseName,
      meeting: m.meeting,
      room: m.room,
      instructors: m.instructors,
      day: m.day,
      period: m.period,
      date,
    });
  }
  return buildCalendar({
    name,
    termId: term.id,
    timeZone: term.timeZone,
    stamp: new Date(schedule.publishedAt ?? schedule.createdAt),
    periods: periodClocks(source),
    excluded: (date, period) => holidays.has(date) || blackouts.has(`${date}/${period}`),
    recurring: time.kind === 'dated',
    meetings,
  });
}
