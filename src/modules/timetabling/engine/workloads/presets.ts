/** A closed integer range, both ends included. */
export interface IntRange {
  min: number;
  max: number;
}

/** What shapes a generated term: its size and structure. */
export interface WorkloadParams {
  days: number;
  periodsPerDay: number;
  courses: number;
  meetingsPerCourse: IntRange;
  /** Target share of room-slots taken (meetings / (rooms × slots)); sets the number of rooms. */
  occupancy: number;
  /** Room capacities spread geometrically between these. */
  capacity: IntRange;
  /** Mean class size; sizes are skewed (a few large classes, many small). */
  meanStudents: number;
  curricula: number;
  curriculumSize: IntRange;
  /** Courses an instructor teaches on average (instructor load). */
  coursesPerInstructor: number;
  /** Share of slots each course cannot use (its own and its instructor's unavailability). */
  unavailability: number;
}

export const PRESET_NAMES = [
  'small',
  'medium',
  'large',
  'itc-compact',
  'itc-udine',
  'itc-dense-curricula',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * `small`/`medium`/`large` are sizes for quick arena rounds. The `itc-*` presets are fitted to
 * the ITC-2007 track 3 families (statistics of comp01–comp21, see the README's arena section):
 * `itc-compact` is comp01/comp11 (30 courses, ~5 rooms, 5×6+, few curricula, 5+ meetings per
 * course, almost no unavailability), `itc-udine` the bulk of the set (comp02–04, 06–10, 13–17,
 * 19–21: ~90 courses, ~17 rooms, 5×5, ~70 curricula of 3–4 courses, 22% unavailability) and
 * `itc-dense-curricula` comp05/12/18 (6×6, ~130 curricula, each course in 3–10 of them, 35–40%
 * unavailability, low room occupancy).
 */
export const PRESETS: Record<PresetName, WorkloadParams> = {
  small: {
    days: 5,
    periodsPerDay: 4,
    courses: 12,
    meetingsPerCourse: { min: 2, max: 4 },
    occupancy: 0.6,
    capacity: { min: 20, max: 120 },
    meanStudents: 40,
    curricula: 6,
    curriculumSize: { min: 2, max: 4 },
    coursesPerInstructor: 1.5,
    unavailability: 0.15,
  },
  medium: {
    days: 5,
    periodsPerDay: 5,
    courses: 30,
    meetingsPerCourse: { min: 2, max: 5 },
    occupancy: 0.7,
    capacity: { min: 30, max: 200 },
    meanStudents: 55,
    curricula: 20,
    curriculumSize: { min: 2, max: 5 },
    coursesPerInstructor: 1.3,
    unavailability: 0.2,
  },
  large: {
    days: 5,
    periodsPerDay: 6,
    courses: 80,
    meetingsPerCourse: { min: 2, max: 5 },
    occupancy: 0.75,
    capacity: { min: 30, max: 300 },
    meanStudents: 65,
    curricula: 60,
    curriculumSize: { min: 2, max: 5 },
    coursesPerInstructor: 1.2,
    unavailability: 0.2,
  },
  'itc-compact': {
    days: 5,
    periodsPerDay: 7,
    courses: 30,
    meetingsPerCourse: { min: 3, max: 8 },
    occupancy: 0.8,
    capacity: { min: 10, max: 150 },
    meanStudents: 35,
    curricula: 14,
    curriculumSize: { min: 2, max: 5 },
    coursesPerInstructor: 1.25,
    unavailability: 0.06,
  },
  'itc-udine': {
    days: 5,
    periodsPerDay: 5,
    courses: 90,
    meetingsPerCourse: { min: 2, max: 5 },
    occupancy: 0.72,
    capacity: { min: 30, max: 336 },
    meanStudents: 72,
    curricula: 68,
    curriculumSize: { min: 2, max: 5 },
    coursesPerInstructor: 1.15,
    unavailability: 0.22,
  },
  'itc-dense-curricula': {
    days: 6,
    periodsPerDay: 6,
    courses: 60,
    meetingsPerCourse: { min: 1, max: 4 },
    occupancy: 0.5,
    capacity: { min: 25, max: 250 },
    meanStudents: 60,
    curricula: 110,
    curriculumSize: { min: 3, max: 5 },
    coursesPerInstructor: 1.1,
    unavailability: 0.38,
  },
};
