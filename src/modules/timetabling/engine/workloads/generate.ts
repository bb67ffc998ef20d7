import { ITC2007_WEIGHTS } from '../formats/ctt-parser.js';
import type { Course, Curriculum, Problem, Room } from '../model.js';
import { Rng } from '../solvers/rng.js';
import type { IntRange, WorkloadParams } from './presets.js';

/** Of a curriculum's or an instructor's slots, at most this share is filled by its meetings. */
const LOAD_CAP = 0.8;
/** A course keeps at least this many open slots per meeting after unavailability. */
const OPEN_PER_MEETING = 2;

const between = (rng: Rng, r: IntRange) => r.min + rng.int(r.max - r.min + 1);

function shuffled<T>(rng: Rng, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * A weekly ITC-2007-style term built from `params` and `seed` (the same pair always gives the
 * same term). It is feasible-ish by construction: every course has open slots to spare, no
 * curriculum or instructor needs more than 80% of the week, the rooms outnumber the meetings of a
 * slot and the largest room holds the largest class; what is left hard is the interplay.
 */
export function generateWorkload(params: WorkloadParams, seed: number, name?: string): Problem {
  const rng = new Rng(seed);
  const slots = params.days * params.periodsPerDay;
  const loadCap = Math.floor(slots * LOAD_CAP);
  const maxMeetings = Math.max(1, Math.min(params.meetingsPerCourse.max, Math.floor(slots / 2)));
  const meetingRange = {
    min: Math.min(params.meetingsPerCourse.min, maxMeetings),
    max: maxMeetings,
  };

  const courses: Course[] = Array.from({ length: params.courses }, (_, i) => {
    const meetings = between(rng, meetingRange);
    // Exponential sizes around the mean: a few large lectures, many small groups.
    const students = Math.round(
      Math.min(params.capacity.max, Math.max(5, -params.meanStudents * Math.log(1 - rng.next()))),
    );
    return {
      id: `c${String(i).padStart(3, '0')}`,
      meetings,
      students,
      instructors: [],
      minDays: Math.min(meetings, params.days, 1 + rng.int(Math.min(meetings, 4))),
    };
  });
  const totalMeetings = courses.reduce((s, c) => s + c.meetings, 0);

  const nRooms = Math.max(1, Math.ceil(totalMeetings / (slots * params.occupancy)));
  const ratio = nRooms > 1 ? (params.capacity.max / params.capacity.min) ** (1 / (nRooms - 1)) : 1;
  const rooms: Room[] = Array.from({ length: nRooms }, (_, r) => ({
    id: `r${String(r).padStart(2, '0')}`,
    capacity: nRooms > 1 ? Math.round(params.capacity.min * ratio ** r) : params.capacity.max,
  }));

  // Instructors: a course goes to a random instructor with room left in the week, else a new one.
  const nInstructors = Math.max(1, Math.round(params.courses / params.coursesPerInstructor));
  const instructorLoad: number[] = Array.from({ length: nInstructors }, () => 0);
  for (const c of courses) {
    let t = rng.int(instructorLoad.length);
    if (instructorLoad[t]! + c.meetings > loadCap) {
      t = instructorLoad.findIndex((load) => load + c.meetings <= loadCap);
      if (t < 0) t = instructorLoad.push(0) - 1;
    }
    instructorLoad[t]! += c.meetings;
    c.instructors = [`t${String(t).padStart(3, '0')}`];
  }

  const curricula: Curriculum[] = [];
  for (let q = 0; q < params.curricula; q++) {
    const size = between(rng, params.curriculumSize);
    const members: string[] = [];
    let load = 0;
    for (const c of shuffled(rng, courses)) {
      if (members.length >= size) break;
      if (load + c.meetings > loadCap) continue;
      members.push(c.id);
      load += c.meetings;
    }
    if (members.length >= 2)
      curricula.push({ id: `q${String(q).padStart(3, '0')}`, courses: members });
  }

  for (const c of courses) {
    const closable = Math.max(0, slots - OPEN_PER_MEETING * c.meetings);
    const wanted = Math.round(slots * params.unavailability * 2 * rng.next());
    const closed = shuffled(
      rng,
      Array.from({ length: slots }, (_, s) => s),
    ).slice(0, Math.min(closable, wanted));
    c.unavailable = closed.sort((a, b) => a - b).map((slot) => ({ slot }));
  }

  return {
    name: name ?? `generated-${seed}`,
    time: { kind: 'weekly', days: params.days, periodsPerDay: params.periodsPerDay },
    courses,
    rooms,
    instructors: Array.from({ length: instructorLoad.length }, (_, t) => ({
      id: `t${String(t).padStart(3, '0')}`,
    })),
    curricula,
    weights: { ...ITC2007_WEIGHTS },
  };
}
