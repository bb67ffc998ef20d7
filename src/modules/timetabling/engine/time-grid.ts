import type { DatedTime, TimeModel, WeeklyTime } from './model.js';

/** The linear slot list both time models compile to. Slot = day * periodsPerDay + period. */
export interface TimeGrid {
  nDays: number;
  periodsPerDay: number;
  nWeeks: number;
  /** Per teaching day: ISO date (dated terms) or null. */
  dayDates: Array<string | null>;
  /** Per teaching day: calendar day number (days since term start; weekly: the day index). */
  dayCalendar: Int32Array;
  dayWeek: Int32Array;
  /** ISO weekday (1 = Monday) per teaching day; weekly grids count days from Monday. */
  dayWeekday: Int32Array;
  /** Per period: clock start/end ("08:30"), when known. */
  periodStarts: Array<string | null>;
  periodEnds: Array<string | null>;
  /** Slots that are blacked out for everyone. */
  blackout: Uint8Array;
  slotLabels: string[];
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MS_PER_DAY = 86_400_000;

/** Parses an ISO date to a UTC day number; throws on malformed input. */
export function dayNumber(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`expected a date YYYY-MM-DD, got "${iso}"`);
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`invalid date "${iso}"`);
  return Math.floor(t / MS_PER_DAY);
}

function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Builds the slot grid of a weekly or dated time model. */
export function buildTimeGrid(time: TimeModel): TimeGrid {
  return time.kind === 'weekly' ? weeklyGrid(time) : datedGrid(time);
}

function weeklyGrid(t: WeeklyTime): TimeGrid {
  if (!(t.days > 0 && t.periodsPerDay > 0))
    throw new Error('weekly time needs days > 0 and periodsPerDay > 0');
  const names = t.dayNames ?? DAY_NAMES;
  const starts = Array.from({ length: t.periodsPerDay }, (_, p) => t.periodStarts?.[p] ?? null);
  const labels: string[] = [];
  for (let d = 0; d < t.days; d++) {
    for (let p = 0; p < t.periodsPerDay; p++) {
      const dn = names[d] ?? `Day${d}`;
      labels.push(starts[p] ? `${dn} ${starts[p]}` : `${dn} period ${p} (day ${d}, slot ${p})`);
    }
  }
  return {
    nDays: t.days,
    periodsPerDay: t.periodsPerDay,
    nWeeks: 1,
    dayDates: Array.from({ length: t.days }, () => null),
    dayCalendar: Int32Array.from({ length: t.days }, (_, d) => d),
    dayWeek: new Int32Array(t.days),
    dayWeekday: Int32Array.from({ length: t.days }, (_, d) => (d % 7) + 1),
    periodStarts: starts,
    periodEnds: starts.map(() => null),
    blackout: new Uint8Array(t.days * t.periodsPerDay),
    slotLabels: labels,
  };
}

function datedGrid(t: DatedTime): TimeGrid {
  const first = dayNumber(t.start);
  const last = dayNumber(t.end);
  if (last < first) throw new Error(`term end ${t.end} is before start ${t.start}`);
  if (t.periods.length === 0) throw new Error('dated time needs at least one period');
  const weekdays = new Set(t.weekdays);
  const holidays = new Set((t.holidays ?? []).map(dayNumber));
  // Weeks are counted from the Monday on or before the term start (day 0 of the epoch was a Thursday).
  const mondayOf = (d: number) => d - ((d + 3) % 7);
  const firstMonday = mondayOf(first);
  const dates: string[] = [];
  const cal: number[] = [];
  const week: number[] = [];
  for (let d = first; d <= last; d++) {
    const isoWeekday = ((d + 3) % 7) + 1;
    if (!weekdays.has(isoWeekday) || holidays.has(d)) continue;
    dates.push(isoOf(d));
    cal.push(d - first);
    week.push(Math.floor((d - firstMonday) / 7));
  }
  if (dates.length === 0) throw new Error('the term has no teaching days');
  const ppd = t.periods.length;
  const blackout = new Uint8Array(dates.length * ppd);
  const dayOfDate = new Map(dates.map((iso, i) => [iso, i]));
  for (const b of t.blackouts ?? []) {
    const d = dayOfDate.get(b.date);
    if (d === undefined || b.period < 0 || b.period >= ppd) continue;
    blackout[d * ppd + b.period] = 1;
  }
  const labels: string[] = [];
  for (let d = 0; d < dates.length; d++) {
    const wd = DAY_NAMES[(dayNumber(dates[d]!) + 3) % 7]!;
    for (let p = 0; p < ppd; p++) labels.push(`${wd} ${dates[d]} ${t.periods[p]!.start}`);
  }
  return {
    nDays: dates.length,
    periodsPerDay: ppd,
    nWeeks: week[week.length - 1]! - week[0]! + 1,
    dayDates: dates,
    dayCalendar: Int32Array.from(cal),
    dayWeek: Int32Array.from(week, (w) => w - week[0]!),
    dayWeekday: Int32Array.from(dates, (iso) => ((dayNumber(iso) + 3) % 7) + 1),
    periodStarts: t.periods.map((p) => p.start),
    periodEnds: t.periods.map((p) => p.end),
    blackout,
    slotLabels: labels,
  };
}
