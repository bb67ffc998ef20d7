import type { Problem } from '../model.js';

/** A `.ctt` syntax or consistency error; the message names the line and what was expected. */
export class CttParseError extends Error {
  override name = 'CttParseError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

interface Line {
  no: number;
  tokens: string[];
}

const HEADER = ['Name', 'Courses', 'Rooms', 'Days', 'Periods_per_day', 'Curricula', 'Constraints'];

/** Soft weights of the ITC-2007 track 3 (UD2) formulation; the engine's other objectives are off. */
export const ITC2007_WEIGHTS: Record<string, number> = {
  'soft.room_capacity': 1,
  'soft.min_working_days': 5,
  'soft.curriculum_compactness': 2,
  'soft.room_stability': 1,
  'soft.spread_term': 0,
  'soft.evening_sessions': 0,
  'soft.instructor_load': 0,
  'soft.instructor_preferences': 0,
};

/** Parses an ITC-2007 track 3 instance into the common model (UD2 weights). */
export function parseCtt(text: string): Problem {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const tokens = raw
      .trim()
      .split(/[ \t]+/)
      .filter(Boolean);
    if (tokens.length > 0) lines.push({ no: i + 1, tokens });
  });
  let pos = 0;
  const lastLine = text.split(/\r?\n/).length;
  const next = (expected: string): Line => {
    const l = lines[pos++];
    if (!l) throw new CttParseError(lastLine, `unexpected end of file, expected ${expected}`);
    return l;
  };
  const int = (l: Line, idx: number, what: string, min = 0): number => {
    const tok = l.tokens[idx];
    if (tok === undefined || !/^-?\d+$/.test(tok))
      throw new CttParseError(
        l.no,
        `expected ${what} (an integer), got ${tok === undefined ? 'nothing' : `"${tok}"`}`,
      );
    const v = Number(tok);
    if (v < min) throw new CttParseError(l.no, `expected ${what} >= ${min}, got ${v}`);
    return v;
  };
  const arity = (l: Line, n: number, shape: string) => {
    if (l.tokens.length !== n)
      throw new CttParseError(
        l.no,
        `expected "${shape}" (${n} fields), got ${l.tokens.length} fields`,
      );
  };

  const header: Record<string, string> = {};
  for (const key of HEADER) {
    const l = next(`"${key}: …"`);
    if (l.tokens[0] !== `${key}:` || l.tokens.length !== 2)
      throw new CttParseError(l.no, `expected "${key}: <value>", got "${l.tokens.join(' ')}"`);
    header[key] = l.tokens[1]!;
    if (key !== 'Name') int(l, 1, key, key === 'Constraints' || key === 'Curricula' ? 0 : 1);
  }
  const nCourses = Number(header.Courses);
  const nRooms = Number(header.Rooms);
  const days = Number(header.Days);
  const ppd = Number(header.Periods_per_day);
  const nCurricula = Number(header.Curricula);
  const nConstraints = Number(header.Constraints);

  const section = (marker: string) => {
    const l = next(`"${marker}"`);
    if (l.tokens.length !== 1 || l.tokens[0] !== marker)
      throw new CttParseError(l.no, `expected "${marker}", got "${l.tokens.join(' ')}"`);
  };

  const courses: Problem['courses'] = [];
  const teachers = new Set<string>();
  const courseIds = new Set<string>();
  section('COURSES:');
  for (let i = 0; i < nCourses; i++) {
    const l = next(`course ${i + 1} of ${nCourses}`);
    arity(l, 5, 'CourseID TeacherID NumLectures MinWorkingDays NumStudents');
    const id = l.tokens[0]!;
    if (courseIds.has(id)) throw new CttParseError(l.no, `duplicate course "${id}"`);
    courseIds.add(id);
    teachers.add(l.tokens[1]!);
    courses.push({
      id,
      instructors: [l.tokens[1]!],
      meetings: int(l, 2, 'NumLectures'),
      minDays: int(l, 3, 'MinWorkingDays'),
      students: int(l, 4, 'NumStudents'),
    });
  }
  const rooms: Problem['rooms'] = [];
  const roomIds = new Set<string>();
  section('ROOMS:');
  for (let i = 0; i < nRooms; i++) {
    const l = next(`room ${i + 1} of ${nRooms}`);
    arity(l, 2, 'RoomID Capacity');
    if (roomIds.has(l.tokens[0]!)) throw new CttParseError(l.no, `duplicate room "${l.tokens[0]}"`);
    roomIds.add(l.tokens[0]!);
    rooms.push({ id: l.tokens[0]!, capacity: int(l, 1, 'Capacity') });
  }
  const curricula: Problem['curricula'] = [];
  section('CURRICULA:');
  for (let i = 0; i < nCurricula; i++) {
    const l = next(`curriculum ${i + 1} of ${nCurricula}`);
    const k = int(l, 1, 'number of courses in the curriculum');
    arity(l, 2 + k, `CurriculumID ${k} CourseID_1 … CourseID_${k}`);
    const members = l.tokens.slice(2);
    for (const m of members)
      if (!courseIds.has(m))
        throw new CttParseError(l.no, `curriculum "${l.tokens[0]}" names unknown course "${m}"`);
    curricula.push({ id: l.tokens[0]!, courses: members });
  }
  section('UNAVAILABILITY_CONSTRAINTS:');
  const byId = new Map(courses.map((c) => [c.id, c]));
  for (let i = 0; i < nConstraints; i++) {
    const l = next(`unavailability constraint ${i + 1} of ${nConstraints}`);
    arity(l, 3, 'CourseID Day Slot');
    const c = byId.get(l.tokens[0]!);
    if (!c) throw new CttParseError(l.no, `unknown course "${l.tokens[0]}"`);
    const day = int(l, 1, 'Day');
    const period = int(l, 2, 'Slot');
    if (day >= days) throw new CttParseError(l.no, `expected Day < ${days}, got ${day}`);
    if (period >= ppd) throw new CttParseError(l.no, `expected Slot < ${ppd}, got ${period}`);
    if (!c.unavailable) c.unavailable = [];
    c.unavailable.push({ day, period });
  }
  const end = next('"END."');
  if (end.tokens.length !== 1 || end.tokens[0] !== 'END.')
    throw new CttParseError(end.no, `expected "END.", got "${end.tokens.join(' ')}"`);
  const extra = lines[pos];
  if (extra)
    throw new CttParseError(
      extra.no,
      `expected nothing after "END.", got "${extra.tokens.join(' ')}"`,
    );

  return {
    name: header.Name!,
    time: { kind: 'weekly', days, periodsPerDay: ppd },
    courses,
    rooms,
    instructors: [...teachers].map((id) => ({ id })),
    curricula,
    weights: { ...ITC2007_WEIGHTS },
  };
}
