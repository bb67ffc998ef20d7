import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { findInfeasibilities } from '../feasibility.js';
import type { Problem } from '../model.js';
import { checkProblem } from '../problem-checks.js';
import { solve } from '../solvers/solve-problem.js';
import { termFeatures } from './features.js';
import { generateWorkload } from './generate.js';
import { PRESET_NAMES, PRESETS, type WorkloadParams } from './presets.js';

const range = (lo: number, hi: number) =>
  fc
    .tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: hi - lo }))
    .map(([min, extra]) => ({ min, max: Math.min(hi, min + extra) }));

const paramsArb: fc.Arbitrary<WorkloadParams> = fc.record({
  days: fc.integer({ min: 1, max: 7 }),
  periodsPerDay: fc.integer({ min: 1, max: 9 }),
  courses: fc.integer({ min: 1, max: 60 }),
  meetingsPerCourse: range(1, 8),
  occupancy: fc.double({ min: 0.2, max: 0.95, noNaN: true }),
  capacity: range(5, 400),
  meanStudents: fc.integer({ min: 5, max: 150 }),
  curricula: fc.integer({ min: 0, max: 80 }),
  curriculumSize: range(1, 8),
  coursesPerInstructor: fc.double({ min: 0.5, max: 4, noNaN: true }),
  unavailability: fc.double({ min: 0, max: 0.6, noNaN: true }),
});
const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function loads(p: Problem) {
  const meetings = new Map(p.courses.map((c) => [c.id, c.meetings]));
  const byInstructor = new Map<string, number>();
  for (const c of p.courses)
    for (const t of c.instructors) byInstructor.set(t, (byInstructor.get(t) ?? 0) + c.meetings);
  return {
    curricula: p.curricula.map((q) => q.courses.reduce((s, id) => s + meetings.get(id)!, 0)),
    instructors: [...byInstructor.values()],
  };
}

describe('generateWorkload', () => {
  it('should give the same term for the same parameters and seed, and another for another seed', () => {
    fc.assert(
      fc.property(paramsArb, seedArb, (params, seed) => {
        expect(generateWorkload(params, seed)).toEqual(generateWorkload(params, seed));
      }),
      { numRuns: 40 },
    );
    const a = generateWorkload(PRESETS.medium, 1);
    expect(generateWorkload(PRESETS.medium, 2)).not.toEqual(a);
  });

  it('should produce valid terms with no infeasibility found before solving', () => {
    fc.assert(
      fc.property(paramsArb, seedArb, (params, seed) => {
        const p = generateWorkload(params, seed);
        expect(checkProblem(p)).toEqual([]);
        expect(findInfeasibilities(compile(p))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('should respect the designed sizes and loads', () => {
    fc.assert(
      fc.property(paramsArb, seedArb, (params, seed) => {
        const p = generateWorkload(params, seed);
        const slots = params.days * params.periodsPerDay;
        expect(p.courses).toHaveLength(params.courses);
        for (const c of p.courses) {
          expect(c.meetings).toBeLessThanOrEqual(params.meetingsPerCourse.max);
          expect(c.meetings).toBeGreaterThanOrEqual(1);
          expect(slots - (c.unavailable?.length ?? 0)).toBeGreaterThanOrEqual(
            Math.min(slots, 2 * c.meetings),
          );
          expect(c.students).toBeLessThanOrEqual(Math.max(...p.rooms.map((r) => r.capacity)));
        }
        const meetings = p.courses.reduce((s, c) => s + c.meetings, 0);
        expect(meetings / (p.rooms.length * slots)).toBeLessThanOrEqual(params.occupancy + 1e-9);
        const { curricula, instructors } = loads(p);
        const cap = Math.max(Math.floor(slots * 0.8), ...p.courses.map((c) => c.meetings));
        for (const l of curricula) expect(l).toBeLessThanOrEqual(cap);
        for (const l of instructors) expect(l).toBeLessThanOrEqual(cap);
        expect(p.curricula.length).toBeLessThanOrEqual(params.curricula);
      }),
      { numRuns: 60 },
    );
  });

  // The ITC-2007 family ranges (comp01–21) each fitted preset must land in.
  const families = {
    'itc-compact': { courses: [30, 30], rooms: [4, 7], occupancy: [0.6, 0.8], curricula: [10, 14] },
    'itc-udine': {
      courses: [90, 90],
      rooms: [14, 22],
      occupancy: [0.6, 0.72],
      curricula: [55, 68],
    },
    'itc-dense-curricula': {
      courses: [60, 60],
      rooms: [7, 12],
      occupancy: [0.4, 0.5],
      curricula: [100, 110],
    },
  } as const;
  for (const [preset, want] of Object.entries(families))
    it(`should fit the ${preset} preset to its ITC-2007 family`, () => {
      for (const seed of [1, 2, 3]) {
        const f = termFeatures(
          compile(generateWorkload(PRESETS[preset as keyof typeof families], seed)),
        );
        for (const [k, [lo, hi]] of Object.entries(want)) {
          const v = f[k as keyof typeof want];
          expect(v, `${k} of seed ${seed}`).toBeGreaterThanOrEqual(lo);
          expect(v, `${k} of seed ${seed}`).toBeLessThanOrEqual(hi);
        }
      }
    });

  it('should let a solver reach a feasible timetable on the small preset', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await solve(generateWorkload(PRESETS.small, seed), {
        now: () => performance.now(),
        solver: 'hybrid',
        timeLimitMs: 1500,
        seed: 1,
      });
      expect(r.hard, `seed ${seed}`).toBe(0);
    }
  });

  it('should have a preset for every name', () => {
    expect(Object.keys(PRESETS).sort()).toEqual([...PRESET_NAMES].sort());
  });
});
