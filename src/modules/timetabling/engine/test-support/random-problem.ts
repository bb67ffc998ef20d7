import type { Problem } from '../model.js';
import { Rng } from '../solvers/rng.js';

/**
 * A small dated-term problem where every constraint of the registry can be violated, built from
 * a seed (for property tests).
 */
export function randomProblem(seed: number): Problem {
  const rng = new Rng(seed);
  const nRooms = 2 + rng.int(3);
  const nInstr = 2 + rng.int(3);
  const nCourses = 4 + rng.int(4);
  const features = ['lab', 'projector'];
  const rooms = Array.from({ length: nRooms }, (_, r) => ({
    id: `R${r}`,
    capacity: 10 + rng.int(40),
    features: features.filter(() => rng.next() < 0.5),
    unavailable: rng.next() < 0.5 ? [{ slot: rng.int(20) }] : [],
  }));
  const instructors = Array.from({ length: nInstr }, (_, i) => ({
    id: `I${i}`,
    unavailable: rng.next() < 0.5 ? [{ date: '2026-01-06' }] : [],
    preferred:
      rng.next() < 0.5
        ? [
            { day: 0, period: 1 },
            { day: 1, period: 0 },
            { day: 2, period: 2 },
          ]
        : [],
  }));
  const courses = Array.from({ length: nCourses }, (_, ci) => ({
    id: `C${ci}`,
    name: `Course ${ci}`,
    meetings: 1 + rng.int(4),
    students: 5 + rng.int(50),
    instructors: [`I${rng.int(nInstr)}`],
    minDays: rng.int(4),
    features: features.filter(() => rng.next() < 0.3),
    window: rng.next() < 0.3 ? { from: '2026-01-07' } : undefined,
    maxPerDay: rng.next() < 0.5 ? 1 : undefined,
    minGapDays: rng.next() < 0.5 ? 2 : undefined,
    pinned: rng.next() < 0.2 ? [{ room: `R${rng.int(nRooms)}` }] : undefined,
    unavailable: rng.next() < 0.3 ? [{ day: 1, period: 0 }] : undefined,
  }));
  const curricula = Array.from({ length: 2 + rng.int(2) }, (_, q) => ({
    id: `Q${q}`,
    courses: courses.filter(() => rng.next() < 0.5).map((c) => c.id),
  }));
  return {
    name: `random-${seed}`,
    time: {
      kind: 'dated',
      start: '2026-01-05',
      end: '2026-01-16',
      weekdays: [1, 2, 3, 4, 5],
      periods: [
        { start: '09:00', end: '10:30' },
        { start: '11:00', end: '12:30' },
        { start: '18:00', end: '19:30' },
      ],
      holidays: ['2026-01-09'],
      blackouts: [{ date: '2026-01-12', period: 0 }],
    },
    courses,
    rooms,
    instructors,
    curricula,
    eveningFrom: '17:00',
    weights: { 'soft.perturbation': 3 },
  };
}
