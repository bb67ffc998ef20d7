import type { ErrorDetail } from '#platform/errors/index.js';
import type { TimeModel } from '../engine/index.js';
import { cellReader } from './cell-reader.js';
import type { Locations } from './locations.js';
import { issueAt, type SourceTable } from './source-table.js';

export interface Grid {
  name: string;
  time: TimeModel;
  eveningFrom?: string;
  timeZone?: string;
  /** Teaching days of a weekly grid (Infinity for dated terms) and periods per day. */
  days: number;
  periods: number;
}

function validZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The term's name and time grid from the term row, the periods and the blackouts tables. */
export function readGrid(
  term: SourceTable,
  periodsTable: SourceTable | undefined,
  blackoutsTable: SourceTable | undefined,
  issues: ErrorDetail[],
  locations: Locations,
): Grid | undefined {
  const [first, ...extra] = term.rows;
  if (!first) {
    issues.push(issueAt({ file: term.file, sheet: term.sheet, row: 2 }, 'the term row is missing'));
    return undefined;
  }
  for (const r of extra)
    issues.push(
      issueAt({ file: term.file, sheet: term.sheet, row: r.row }, 'term holds a single row'),
    );
  const t = cellReader(term, first, issues);
  locations.add('', t.at(), {
    name: 'name',
    eveningFrom: 'evening_from',
    time: 'kind',
    'time/days': 'days',
    'time/periodsPerDay': 'periods_per_day',
    'time/dayNames': 'day_names',
    'time/start': 'start_date',
    'time/end': 'end_date',
    'time/weekdays': 'weekdays',
  });
  const name = t.required('name') ?? '';
  const kind = t.oneOf('kind', ['weekly', 'dated'] as const, 'weekly');
  const timeZone = t.text('time_zone');
  if (timeZone && !validZone(timeZone)) t.fail('time_zone', `unknown IANA time zone "${timeZone}"`);
  const eveningFrom = t.clock('evening_from');

  const periodRows = (periodsTable?.rows ?? []).map((r, i) => {
    const p = cellReader(periodsTable!, r, issues);
    const position = p.int('period', 0, true);
    if (position !== undefined && position !== i)
      p.fail(
        'period',
        `periods must be numbered 0, 1, 2, … in order: expected ${i}, got ${position}`,
      );
    locations.add(`time/periods/${i}`, p.at(), { start: 'start', end: 'end' });
    locations.add(`time/periodStarts/${i}`, p.at('start'));
    return { p, start: p.clock('start'), end: p.clock('end') };
  });

  const base = { name, ...(eveningFrom ? { eveningFrom } : {}), ...(timeZone ? { timeZone } : {}) };
  if (kind === 'weekly') {
    const days = t.int('days', 1) ?? 5;
    if (days > 7) t.fail('days', `a week has 1 to 7 teaching days, got ${days}`);
    const perDay = t.int('periods_per_day', 1);
    let periods = perDay ?? periodRows.length;
    if (periodsTable && perDay !== undefined && perDay !== periodRows.length)
      t.fail(
        'periods_per_day',
        `periods_per_day is ${perDay} but periods lists ${periodRows.length} periods`,
      );
    if (!periodsTable && perDay === undefined) {
      t.fail('periods_per_day', 'periods_per_day is required when there is no periods table');
      periods = 1;
    }
    const starts = periodRows.map((r) => r.start);
    if (starts.some(Boolean))
      periodRows.forEach((r) => {
        if (!r.start) r.p.fail('start', 'start is required when other periods have one');
      });
    for (const r of blackoutsTable?.rows ?? [])
      issues.push(
        issueAt(
          { file: blackoutsTable!.file, sheet: blackoutsTable!.sheet, row: r.row },
          'blackouts apply to dated terms only; a weekly grid uses unavailability',
        ),
      );
    const dayNames = t.list('day_names');
    if (dayNames.length && dayNames.length !== days)
      t.fail('day_names', `day_names has ${dayNames.length} names for ${days} days`);
    return {
      ...base,
      days,
      periods: Math.max(periods, 1),
      time: {
        kind: 'weekly',
        days,
        periodsPerDay: Math.max(periods, 1),
        ...(starts.some(Boolean) ? { periodStarts: starts.map((s) => s ?? '00:00') } : {}),
        ...(dayNames.length ? { dayNames } : {}),
      },
    };
  }

  const start = t.date('start_date', true) ?? '';
  const end = t.date('end_date', true) ?? '';
  if (start && end && start > end)
    t.fail('end_date', `end_date ${end} is before start_date ${start}`);
  const weekdays = t.list('weekdays').map(Number);
  if (weekdays.some((w) => !(Number.isInteger(w) && w >= 1 && w <= 7)))
    t.fail('weekdays', 'weekdays are ISO numbers from 1 (Monday) to 7 (Sunday)');
  if (!periodsTable || periodRows.length === 0)
    issues.push(
      issueAt(
        { file: term.file, sheet: term.sheet, row: first.row },
        'a dated term needs periods with start and end times',
      ),
    );
  for (const r of periodRows) {
    if (!r.start) r.p.required('start');
    if (!r.end) r.p.required('end');
  }
  const holidays: string[] = [];
  const blackouts: Array<{ date: string; period: number }> = [];
  for (const row of blackoutsTable?.rows ?? []) {
    const b = cellReader(blackoutsTable!, row, issues);
    const date = b.date('date', true);
    const period = b.int('period', 0);
    if (period !== undefined && period >= periodRows.length)
      b.fail('period', `period ${period} is outside the ${periodRows.length} periods of a day`);
    if (date && (date < start || date > end))
      b.fail('date', `${date} is outside the term (${start} to ${end})`);
    if (!date) continue;
    if (period === undefined) {
      locations.add(`time/holidays/${holidays.length}`, b.at('date'));
      holidays.push(date);
    } else {
      locations.add(`time/blackouts/${blackouts.length}`, b.at(), {
        date: 'date',
        period: 'period',
      });
      blackouts.push({ date, period });
    }
  }
  return {
    ...base,
    days: Number.POSITIVE_INFINITY,
    periods: periodRows.length,
    time: {
      kind: 'dated',
      start,
      end,
      weekdays: weekdays.length ? [...new Set(weekdays)] : [1, 2, 3, 4, 5],
      periods: periodRows.map((r) => ({ start: r.start ?? '00:00', end: r.end ?? '00:00' })),
      ...(holidays.length ? { holidays } : {}),
      ...(blackouts.length ? { blackouts } : {}),
    },
  };
}
