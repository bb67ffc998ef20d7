import type { ErrorDetail } from '#platform/errors/index.js';
import {
  type Course,
  type Curriculum,
  constraintById,
  type Instructor,
  type Problem,
  type Room,
  type SlotRef,
} from '../engine/index.js';
import { type CellReader, cellReader } from './cell-reader.js';
import type { EntityName } from './entities.js';
import { createLocations, type Locations } from './locations.js';
import { type Grid, readGrid } from './read-grid.js';
import { issueAt, type SourceTable } from './source-table.js';

/** What a term holds beyond the engine's problem: its time zone, buildings, teaching loads. */
export interface ImportExtras {
  timeZone?: string;
  buildings: Record<string, string>;
  maxLoads: Record<string, number>;
}

/** The term an import goes into: what the upload does not replace is kept from it. */
export interface ImportBase {
  problem: Problem;
  extras: ImportExtras;
}

export type Tables = Partial<Record<EntityName, SourceTable>>;

/** What a reader found: the tables, its issues, and whether the file could be read at all. */
export interface TablesRead {
  tables: Tables;
  issues: ErrorDetail[];
  unreadable?: boolean;
}

export interface Converted {
  problem: Problem;
  extras: ImportExtras;
  locations: Locations;
  issues: ErrorDetail[];
}

/** A whole grid as a fallback when the term itself is missing (so other checks still run). */
const UNKNOWN_GRID: Grid = {
  name: 'unnamed',
  time: { kind: 'weekly', days: 7, periodsPerDay: 48 },
  days: Number.POSITIVE_INFINITY,
  periods: Number.POSITIVE_INFINITY,
};

/** An entity's rows, each with its reader and its index among the entity's items. */
const rowsOf = (table: SourceTable | undefined, issues: ErrorDetail[]) =>
  (table?.rows ?? []).map((row, index) => ({ r: cellReader(table!, row, issues), index }));

/**
 * Tables (from CSVs or sheets) as the engine's problem. Entities without a table come from
 * `base`; every bad cell or dangling reference is an issue at its file, sheet, row and column.
 */
export function tablesToProblem(tables: Tables, base?: ImportBase): Converted {
  const issues: ErrorDetail[] = [];
  const locations = createLocations();
  const grid: Grid | undefined = tables.term
    ? readGrid(tables.term, tables.periods, tables.blackouts, issues, locations)
    : base
      ? gridOf(base.problem)
      : undefined;
  for (const e of ['periods', 'blackouts'] as const) {
    const t = tables[e];
    if (t && !tables.term)
      issues.push(issueAt({ file: t.file, sheet: t.sheet }, `${e} can only be imported with term`));
  }
  const g = grid ?? UNKNOWN_GRID;
  const extras: ImportExtras = {
    ...(g.timeZone ? { timeZone: g.timeZone } : {}),
    buildings: tables.rooms ? {} : { ...base?.extras.buildings },
    maxLoads: tables.instructors ? {} : { ...base?.extras.maxLoads },
  };

  const rooms: Room[] = tables.rooms
    ? rowsOf(tables.rooms, issues).map(({ r, index }) => {
        locations.add(`rooms/${index}`, r.at(), { id: 'id', capacity: 'capacity', name: 'name' });
        const id = r.required('id') ?? '';
        const building = r.text('building');
        if (building) extras.buildings[id] = building;
        return {
          id,
          ...(r.text('name') ? { name: r.text('name')! } : {}),
          capacity: r.int('capacity', 0, true) ?? 0,
          features: r.list('features'),
        };
      })
    : (base?.problem.rooms ?? []).map((x) => ({ ...x }));

  const instructors: Instructor[] = tables.instructors
    ? rowsOf(tables.instructors, issues).map(({ r, index }) => {
        locations.add(`instructors/${index}`, r.at(), { id: 'id', name: 'name' });
        const id = r.required('id') ?? '';
        const load = r.int('max_load', 0);
        if (load !== undefined) extras.maxLoads[id] = load;
        return { id, ...(r.text('name') ? { name: r.text('name')! } : {}) };
      })
    : (base?.problem.instructors ?? []).map((x) => ({ ...x }));

  const courses: Course[] = tables.courses
    ? rowsOf(tables.courses, issues).map(({ r, index }) => {
        locations.add(`courses/${index}`, r.at(), COURSE_COLUMNS);
        return readCourse(r);
      })
    : (base?.problem.courses ?? []).map((x) => ({ ...x }));

  const curricula: Curriculum[] = tables.curricula
    ? rowsOf(tables.curricula, issues).map(({ r, index }) => {
        locations.add(`curricula/${index}`, r.at(), { id: 'id', courses: 'courses', name: 'name' });
        const id = r.required('id') ?? '';
        r.required('courses');
        return {
          id,
          ...(r.text('name') ? { name: r.text('name')! } : {}),
          courses: r.list('courses'),
        };
      })
    : (base?.problem.curricula ?? []).map((x) => ({ ...x }));

  const slot = (r: CellReader, allDay: boolean) => readSlot(r, g, allDay);
  if (tables.unavailability) {
    for (const list of [rooms, instructors, courses]) for (const x of list) delete x.unavailable;
    for (const i of instructors) delete i.preferred;
    readUnavailability(
      tables.unavailability,
      { rooms, instructors, courses },
      slot,
      issues,
      locations,
    );
  }
  if (tables.pins) {
    for (const c of courses) delete c.pinned;
    readPins(tables.pins, courses, rooms, slot, issues, locations);
  }

  let weights = tables.weights ? {} : { ...base?.problem.weights };
  if (tables.weights) weights = readWeights(tables.weights, issues, locations);

  const problem: Problem = {
    name: g.name,
    time: g.time,
    rooms,
    instructors,
    courses,
    curricula,
    ...(Object.keys(weights).length ? { weights } : {}),
    ...(g.eveningFrom ? { eveningFrom: g.eveningFrom } : {}),
  };
  return { problem, extras, locations, issues };
}

function gridOf(p: Problem): Grid {
  const t = p.time;
  return {
    name: p.name,
    time: t,
    ...(p.eveningFrom ? { eveningFrom: p.eveningFrom } : {}),
    days: t.kind === 'weekly' ? t.days : Number.POSITIVE_INFINITY,
    periods: t.kind === 'weekly' ? t.periodsPerDay : t.periods.length,
  };
}

const COURSE_COLUMNS = {
  id: 'id',
  name: 'name',
  meetings: 'meetings',
  duration: 'duration',
  students: 'students',
  instructors: 'instructors',
  minDays: 'min_days',
  maxPerDay: 'max_per_day',
  minGapDays: 'min_gap_days',
  features: 'features',
  window: 'window_from',
  'window/from': 'window_from',
  'window/to': 'window_to',
};

function readCourse(r: CellReader): Course {
  const optional = (key: string, value: number | undefined) =>
    value === undefined ? {} : { [key]: value };
  const from = r.date('window_from');
  const to = r.date('window_to');
  const meetings = r.int('meetings', 1, true) ?? 1;
  return {
    id: r.required('id') ?? '',
    ...(r.text('name') ? { name: r.text('name')! } : {}),
    meetings,
    ...optional('duration', r.int('duration', 1)),
    students: r.int('students', 0, true) ?? 0,
    instructors: r.list('instructors'),
    ...optional('minDays', r.int('min_days', 0)),
    ...optional('maxPerDay', r.int('max_per_day', 0)),
    ...optional('minGapDays', r.int('min_gap_days', 0)),
    features: r.list('features'),
    ...(from || to ? { window: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
  };
}

/** A slot from a row's day/date and period columns; `allDay` lets a dated row omit the period. */
function readSlot(r: CellReader, g: Grid, allDay: boolean): SlotRef[] | undefined {
  const weekly = g.time.kind === 'weekly';
  const period = r.int('period', 0);
  if (period !== undefined && period >= g.periods)
    r.fail('period', `period ${period} is outside the ${g.periods} periods of a day`);
  if (weekly) {
    if (r.text('date')) r.fail('date', 'a weekly term takes day, not date');
    const day = r.int('day', 0);
    if (day === undefined) {
      r.required('day');
      return undefined;
    }
    if (day >= g.days) r.fail('day', `day ${day} is outside the ${g.days} days of the week`);
    if (period !== undefined) return [{ day, period }];
    if (!allDay) return void r.required('period');
    return Array.from({ length: Number.isFinite(g.periods) ? g.periods : 0 }, (_, p) => ({
      day,
      period: p,
    }));
  }
  if (r.text('day')) r.fail('day', 'a dated term takes date, not day');
  const date = r.date('date', true);
  if (!date) return undefined;
  if (g.time.kind === 'dated' && (date < g.time.start || date > g.time.end))
    r.fail('date', `${date} is outside the term (${g.time.start} to ${g.time.end})`);
  if (period === undefined && !allDay) return void r.required('period');
  return [period === undefined ? { date } : { date, period }];
}

type SlotOf = (r: CellReader, allDay: boolean) => SlotRef[] | undefined;

function readUnavailability(
  table: SourceTable,
  entities: { rooms: Room[]; instructors: Instructor[]; courses: Course[] },
  slot: SlotOf,
  issues: ErrorDetail[],
  locations: Locations,
) {
  const kinds = [
    ['course', 'courses'],
    ['instructor', 'instructors'],
    ['room', 'rooms'],
  ] as const;
  for (const { r } of rowsOf(table, issues)) {
    const named = kinds.filter(([column]) => r.text(column));
    if (named.length !== 1) {
      r.fail(named[1]?.[0] ?? 'course', 'name exactly one of course, instructor or room');
      continue;
    }
    const [column, plural] = named[0]!;
    const code = r.text(column)!;
    const list: Array<Room | Instructor | Course> = entities[plural];
    const index = list.findIndex((x) => x.id === code);
    const kind = r.oneOf('kind', ['unavailable', 'preferred'] as const, 'unavailable');
    if (kind === 'preferred' && column !== 'instructor')
      r.fail('kind', 'only instructors have preferred periods');
    const refs = slot(r, true);
    if (index < 0) {
      r.fail(column, `unknown ${column} "${code}"`);
      continue;
    }
    if (!refs) continue;
    const target = list[index]!;
    const field = kind === 'preferred' && column === 'instructor' ? 'preferred' : 'unavailable';
    const into = (target as Instructor)[field] ?? [];
    (target as Instructor)[field] = into;
    for (const ref of refs) {
      locations.add(`${plural}/${index}/${field}/${into.length}`, r.at(), {
        day: 'day',
        date: 'date',
        period: 'period',
      });
      into.push(ref);
    }
  }
}

function readPins(
  table: SourceTable,
  courses: Course[],
  rooms: Room[],
  slot: SlotOf,
  issues: ErrorDetail[],
  locations: Locations,
) {
  const roomIds = new Set(rooms.map((x) => x.id));
  for (const { r } of rowsOf(table, issues)) {
    const code = r.required('course');
    const index = courses.findIndex((c) => c.id === code);
    if (code && index < 0) r.fail('course', `unknown course "${code}"`);
    const room = r.text('room');
    if (room && !roomIds.has(room))
      r.fail('room', `course "${code}" is pinned to unknown room "${room}"`);
    const placed = r.text('day') || r.text('date') || r.text('period') ? slot(r, false) : undefined;
    if (!placed && !room) r.fail('room', 'a pin needs a slot (day or date, and period) or a room');
    if (index < 0) continue;
    const course = courses[index]!;
    const pins = course.pinned ?? [];
    course.pinned = pins;
    if (pins.length >= course.meetings)
      r.fail('course', `course "${code}" has ${course.meetings} meetings but more pins`);
    locations.add(`courses/${index}/pinned/${pins.length}`, r.at(), {
      slot: 'period',
      room: 'room',
    });
    pins.push({ ...(placed?.[0] ? { slot: placed[0] } : {}), ...(room ? { room } : {}) });
  }
}

function readWeights(table: SourceTable, issues: ErrorDetail[], locations: Locations) {
  const weights: Record<string, number> = {};
  for (const { r } of rowsOf(table, issues)) {
    const id = r.required('constraint');
    const weight = r.number('weight', 0);
    if (!id || weight === undefined) continue;
    if (!id.startsWith('soft.') || !constraintById(id))
      r.fail('constraint', `unknown soft constraint "${id}"`);
    else if (id in weights) r.fail('constraint', `constraint "${id}" appears twice`);
    locations.add(`weights/${id}`, r.at('weight'));
    weights[id] = weight;
  }
  return weights;
}
