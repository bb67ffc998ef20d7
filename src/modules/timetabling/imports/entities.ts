/**
 * The entities of a tabular import (one CSV per entity, or one sheet per entity of a workbook):
 * their columns, which are required, and example rows. The examples of all entities together
 * describe one small valid weekly problem, so the templates import as they are.
 */

export const ENTITY_NAMES = [
  'term',
  'periods',
  'rooms',
  'instructors',
  'courses',
  'curricula',
  'unavailability',
  'pins',
  'blackouts',
  'weights',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** The entities a zip or workbook must hold: it describes a whole problem. */
export const REQUIRED_ENTITIES: readonly EntityName[] = ['term', 'rooms', 'courses'];

export interface ColumnSpec {
  name: string;
  required?: boolean;
  note: string;
}

export interface EntitySpec {
  name: EntityName;
  note: string;
  columns: ColumnSpec[];
  /** Example rows, cells in column order. */
  examples: string[][];
}

const LIST = 'several separated by ";"';

export const ENTITIES: Record<EntityName, EntitySpec> = {
  term: {
    name: 'term',
    note: 'One row: the term and its time grid.',
    columns: [
      { name: 'name', required: true, note: 'the term’s name' },
      { name: 'kind', note: '"weekly" (default) or "dated"' },
      { name: 'time_zone', note: 'IANA time zone, default UTC' },
      { name: 'days', note: 'weekly: teaching days per week (1–7)' },
      { name: 'periods_per_day', note: 'weekly: periods per day when periods.csv is absent' },
      { name: 'start_date', note: 'dated: first day, YYYY-MM-DD' },
      { name: 'end_date', note: 'dated: last day, YYYY-MM-DD' },
      { name: 'weekdays', note: `dated: ISO weekdays taught (1 = Monday), ${LIST}` },
      { name: 'day_names', note: `weekly: day labels, ${LIST}` },
      { name: 'evening_from', note: 'periods starting at or after this clock time are evening' },
    ],
    examples: [['Tiny school', 'weekly', 'Europe/Paris', '2', '', '', '', '', 'Mon;Tue', '']],
  },
  periods: {
    name: 'periods',
    note: 'The periods of a day, in order; period 0 is the first.',
    columns: [
      { name: 'period', required: true, note: '0, 1, 2, … without gaps' },
      { name: 'start', note: 'clock time HH:MM (required for dated terms)' },
      { name: 'end', note: 'clock time HH:MM (dated terms)' },
    ],
    examples: [
      ['0', '08:00', '09:30'],
      ['1', '10:00', '11:30'],
      ['2', '14:00', '15:30'],
    ],
  },
  rooms: {
    name: 'rooms',
    note: 'One row per room.',
    columns: [
      { name: 'id', required: true, note: 'the room’s code, unique' },
      { name: 'name', note: 'a label' },
      { name: 'capacity', required: true, note: 'seats, 0 or more' },
      { name: 'building', note: 'the building' },
      { name: 'features', note: `what the room offers, ${LIST}` },
    ],
    examples: [
      ['R1', 'Room 1', '40', 'Main', 'projector'],
      ['R2', 'Room 2', '20', 'Annex', ''],
    ],
  },
  instructors: {
    name: 'instructors',
    note: 'One row per instructor; courses may only name instructors listed here.',
    columns: [
      { name: 'id', required: true, note: 'the instructor’s code, unique' },
      { name: 'name', note: 'a label' },
      { name: 'max_load', note: 'most meetings per week' },
    ],
    examples: [
      ['T1', 'Ada Lovelace', ''],
      ['T2', 'Alan Turing', '4'],
    ],
  },
  courses: {
    name: 'courses',
    note: 'One row per course.',
    columns: [
      { name: 'id', required: true, note: 'the course’s code, unique' },
      { name: 'name', note: 'a label' },
      {
        name: 'meetings',
        required: true,
        note: 'meetings per week (weekly) or in the term (dated)',
      },
      { name: 'duration', note: 'periods per meeting (only 1 so far)' },
      { name: 'students', required: true, note: 'enrolled students, 0 or more' },
      { name: 'instructors', note: `instructor ids, ${LIST}` },
      { name: 'min_days', note: 'fewest distinct days its meetings should spread over' },
      { name: 'max_per_day', note: 'most meetings on one day' },
      { name: 'min_gap_days', note: 'fewest calendar days between two meetings' },
      { name: 'features', note: `room features it needs, ${LIST}` },
      { name: 'window_from', note: 'dated: first allowed date, YYYY-MM-DD' },
      { name: 'window_to', note: 'dated: last allowed date, YYYY-MM-DD' },
    ],
    examples: [
      ['MATH', 'Mathematics', '3', '1', '35', 'T1', '2', '', '', '', '', ''],
      ['ART', 'Art', '2', '1', '15', 'T2', '', '', '', '', '', ''],
      ['PHYS', 'Physics', '2', '1', '18', 'T1', '', '', '', '', '', ''],
    ],
  },
  curricula: {
    name: 'curricula',
    note: 'Groups of courses taken together, which must not overlap.',
    columns: [
      { name: 'id', required: true, note: 'the curriculum’s code, unique' },
      { name: 'name', note: 'a label' },
      { name: 'courses', required: true, note: `course ids, ${LIST}` },
    ],
    examples: [['Y1', 'Year 1', 'MATH;PHYS']],
  },
  unavailability: {
    name: 'unavailability',
    note: 'When a course, instructor or room cannot be used (or an instructor prefers to teach).',
    columns: [
      { name: 'course', note: 'a course id (fill exactly one of course, instructor, room)' },
      { name: 'instructor', note: 'an instructor id' },
      { name: 'room', note: 'a room id' },
      { name: 'day', note: 'weekly: day, 0 = the first' },
      { name: 'date', note: 'dated: YYYY-MM-DD' },
      { name: 'period', note: 'period of the day, 0 = the first; empty for the whole day (dated)' },
      { name: 'kind', note: '"unavailable" (default) or "preferred" (instructors only)' },
    ],
    examples: [['', 'T2', '', '0', '', '0', 'unavailable']],
  },
  pins: {
    name: 'pins',
    note: 'Fixed meetings: the course’s first meetings, in row order, at a slot and/or room.',
    columns: [
      { name: 'course', required: true, note: 'a course id' },
      { name: 'day', note: 'weekly: day, 0 = the first' },
      { name: 'date', note: 'dated: YYYY-MM-DD' },
      { name: 'period', note: 'period of the day, 0 = the first' },
      { name: 'room', note: 'a room id' },
    ],
    examples: [['ART', '1', '', '2', 'R2']],
  },
  blackouts: {
    name: 'blackouts',
    note: 'Dated terms: holidays (period empty) and single periods without teaching.',
    columns: [
      { name: 'date', required: true, note: 'YYYY-MM-DD' },
      { name: 'period', note: 'period of the day, 0 = the first; empty for the whole day' },
    ],
    examples: [['2026-11-11', '']],
  },
  weights: {
    name: 'weights',
    note: 'Weights of soft constraints; constraints not listed keep their defaults.',
    columns: [
      { name: 'constraint', required: true, note: 'a soft constraint id, e.g. soft.room_capacity' },
      { name: 'weight', required: true, note: '0 or more; 0 switches it off' },
    ],
    examples: [['soft.room_capacity', '1']],
  },
};

/** The entity a file or sheet name stands for: `rooms.csv`, `Rooms`, `autumn-rooms.csv`. */
export function entityOfName(name: string): EntityName | undefined {
  const base = (name.split('/').pop() ?? name).toLowerCase().replace(/\.csv$/, '');
  return ENTITY_NAMES.find(
    (e) => base === e || base.endsWith(`-${e}`) || base.endsWith(`_${e}`) || base.endsWith(` ${e}`),
  );
}

/** The entity whose columns a header fits (all required present, nothing unknown), if one. */
export function entityOfHeader(header: string[]): EntityName | undefined {
  const names = new Set(header.map(normalizeColumn));
  const fits = ENTITY_NAMES.filter((e) => {
    const known = new Set(ENTITIES[e].columns.map((c) => c.name));
    return (
      ENTITIES[e].columns.every((c) => !c.required || names.has(c.name)) &&
      [...names].every((n) => known.has(n))
    );
  });
  return fits.length === 1 ? fits[0] : undefined;
}

/** Header cells compare without case, surrounding blanks, or spaces versus underscores. */
export const normalizeColumn = (cell: string) =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
