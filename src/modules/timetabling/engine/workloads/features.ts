import type { Compiled } from '../compiled.js';

/** The instance features, in a fixed order (the selector's input vector). */
export const FEATURE_NAMES = [
  'courses',
  'meetings',
  'rooms',
  'slots',
  'curricula',
  'instructors',
  'occupancy',
  'conflictDensity',
  'conflictDegreeMean',
  'conflictDegreeMax',
  'conflictDegreeCv',
  'roomTightness',
  'curriculumSizeMean',
  'curriculumLoadMax',
  'instructorLoadMax',
  'availabilityTightnessMean',
  'availabilityTightnessMax',
  'minDaysRatio',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Features of any compiled term. The conflict graph joins two courses that share a curriculum or
 * an instructor (they cannot meet in the same slot). Room tightness is the worst demand/capacity
 * ratio over size classes: for each room capacity k, meetings of courses larger than the next
 * smaller room against the room-slots of rooms holding at least k. Availability tightness is a
 * course's meetings over its open slots. Loads are meetings over slots.
 */
export function termFeatures(c: Compiled): Features {
  const { nCourses, nSlots, nRooms } = c;
  const degrees = new Int32Array(nCourses);
  for (let ci = 0; ci < nCourses; ci++)
    degrees[ci] =
      c.currConflictStart[ci + 1]! -
      c.currConflictStart[ci]! +
      (c.instrConflictStart[ci + 1]! - c.instrConflictStart[ci]!);
  const degreeSum = degrees.reduce((s, d) => s + d, 0);
  const degreeMean = nCourses ? degreeSum / nCourses : 0;
  const degreeVar = nCourses
    ? degrees.reduce((s, d) => s + (d - degreeMean) ** 2, 0) / nCourses
    : 0;

  const capacities = [...c.roomCapacity].sort((a, b) => a - b);
  let roomTightness = 0;
  for (let k = 0; k < capacities.length; k++) {
    const smaller = k === 0 ? -1 : capacities[k - 1]!;
    let demand = 0;
    for (let ci = 0; ci < nCourses; ci++)
      if (c.courseStudents[ci]! > smaller) demand += c.courseMeetings[ci]!;
    roomTightness = Math.max(roomTightness, demand / ((capacities.length - k) * nSlots));
  }

  const curriculumMeetings = new Float64Array(c.nCurricula);
  const curriculumSize = new Float64Array(c.nCurricula);
  const instructorMeetings = new Float64Array(c.nInstructors);
  let tightSum = 0;
  let tightMax = 0;
  let minDaysSum = 0;
  for (let ci = 0; ci < nCourses; ci++) {
    const m = c.courseMeetings[ci]!;
    for (let k = c.courseCurriculaStart[ci]!; k < c.courseCurriculaStart[ci + 1]!; k++) {
      curriculumMeetings[c.courseCurricula[k]!]! += m;
      curriculumSize[c.courseCurricula[k]!]! += 1;
    }
    for (let k = c.courseInstructorsStart[ci]!; k < c.courseInstructorsStart[ci + 1]!; k++)
      instructorMeetings[c.courseInstructors[k]!]! += m;
    let open = 0;
    for (let s = 0; s < nSlots; s++) {
      const i = ci * nSlots + s;
      if (!c.courseSlotUnavailable[i] && !c.courseSlotOutsideWindow[i]) open++;
    }
    const tight = open ? m / open : m > 0 ? Number.POSITIVE_INFINITY : 0;
    tightSum += tight;
    tightMax = Math.max(tightMax, tight);
    minDaysSum += Math.min(c.courseMinDays[ci]!, c.nDays) / c.nDays;
  }
  const max = (xs: Float64Array) => xs.reduce((a, b) => Math.max(a, b), 0);

  return {
    courses: nCourses,
    meetings: c.nMeetings,
    rooms: nRooms,
    slots: nSlots,
    curricula: c.nCurricula,
    instructors: c.nInstructors,
    occupancy: round(nRooms && nSlots ? c.nMeetings / (nRooms * nSlots) : 0),
    conflictDensity: round(nCourses > 1 ? degreeSum / (nCourses * (nCourses - 1)) : 0),
    conflictDegreeMean: round(degreeMean),
    conflictDegreeMax: degrees.reduce((a, b) => Math.max(a, b), 0),
    conflictDegreeCv: round(degreeMean ? Math.sqrt(degreeVar) / degreeMean : 0),
    roomTightness: round(roomTightness),
    curriculumSizeMean: round(
      c.nCurricula ? curriculumSize.reduce((a, b) => a + b, 0) / c.nCurricula : 0,
    ),
    curriculumLoadMax: round(nSlots ? max(curriculumMeetings) / nSlots : 0),
    instructorLoadMax: round(nSlots ? max(instructorMeetings) / nSlots : 0),
    availabilityTightnessMean: round(nCourses ? tightSum / nCourses : 0),
    availabilityTightnessMax: round(tightMax),
    minDaysRatio: round(nCourses ? minDaysSum / nCourses : 0),
  };
}

/** The features as a vector in `FEATURE_NAMES` order. */
export const featureVector = (f: Features) => FEATURE_NAMES.map((n) => f[n]);
