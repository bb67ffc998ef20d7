const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timeZone: string) => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The zone's offset from UTC at `at`, in minutes (east positive). */
export function offsetMinutes(timeZone: string, at: number): number {
  const name = formatterOf(timeZone)
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = name?.match(/^GMT([+-])(\d{2}):(\d{2})$/);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

const formatOffset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** A UTC instant shifted by `offset` minutes, as a local DATE-TIME value. */
const localValue = (utc: number, offset: number) =>
  new Date(utc + offset * MINUTE).toISOString().replace(/[-:]/g, '').slice(0, 15);

/** The instants in [from, to) where the zone's offset changes, to the minute. */
function transitions(timeZone: string, from: number, to: number) {
  const found: Array<{ at: number; before: number; after: number }> = [];
  let previous = offsetMinutes(timeZone, from);
  for (let t = from + DAY; t <= to; t += DAY) {
    const current = offsetMinutes(timeZone, t);
    if (current === previous) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetMinutes(timeZone, mid) === previous) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before: previous, after: current });
    previous = current;
  }
  return found;
}

/**
 * The VTIMEZONE lines (RFC 5545 3.6.5) of an IANA zone for the years `fromYear`..`toYear`, from
 * the runtime's own zone data: one observance for the offset in force at the start and one per
 * change after it, each a single onset, so no recurrence rule can disagree with the data.
 */
export function vtimezoneLines(timeZone: string, fromYear: number, toYear: number): string[] {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear + 1, 0, 1);
  const initial = offsetMinutes(timeZone, from);
  const changes = transitions(timeZone, from, to);
  // Standard time is the smallest offset seen: a change to more than it is daylight saving.
  const standard = Math.min(initial, ...changes.map((c) => c.after));
  const observance = (onset: string, before: number, after: number) => {
    const kind = after > standard ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${onset}`,
      `TZOFFSETFROM:${formatOffset(before)}`,
      `TZOFFSETTO:${formatOffset(after)}`,
      `END:${kind}`,
    ];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance('19700101T000000', initial, initial),
    ...changes.flatMap((c) => observance(localValue(c.at, c.before), c.before, c.after)),
    'END:VTIMEZONE',
  ];
}
