import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProblemFile } from '../../runner/load-problem.js';
import { compile, ProblemError } from '../compile.js';
import { solve } from '../solvers/solve-problem.js';
import { parseProblemJson } from './json-problem.js';
import { toJsonSolution } from './json-solution.js';

const EXAMPLE = new URL(
  '../../../../../examples/timetabling/college-autumn-2026.json',
  import.meta.url,
);

const minimal = {
  name: 'tiny',
  time: {
    kind: 'dated',
    start: '2026-03-02',
    end: '2026-03-13',
    weekdays: [1, 3, 5],
    periods: [
      { start: '09:00', end: '10:30' },
      { start: '18:00', end: '19:30' },
    ],
    holidays: ['2026-03-06'],
  },
  courses: [{ id: 'A', meetings: 2, students: 10, instructors: ['T1'] }],
  rooms: [{ id: 'R', capacity: 20 }],
};

describe(parseProblemJson.name, () => {
  it('should build the dated slot grid without weekends and holidays', () => {
    const c = compile(parseProblemJson(JSON.stringify(minimal)));
    // Mon 2, Wed 4, (Fri 6 is a holiday), Mon 9, Wed 11, Fri 13 → 5 days × 2 periods.
    expect(c.grid.dayDates).toEqual([
      '2026-03-02',
      '2026-03-04',
      '2026-03-09',
      '2026-03-11',
      '2026-03-13',
    ]);
    expect(c.nSlots).toBe(10);
    expect(c.nWeeks).toBe(2);
    expect(c.grid.slotLabels[1]).toBe('Mon 2026-03-02 18:00');
  });

  it('should name the JSON path of schema errors', () => {
    const bad = { ...minimal, rooms: [{ id: 'R', capacity: -1 }] };
    expect(() => parseProblemJson(JSON.stringify(bad))).toThrow(
      /\/rooms\/0\/capacity: must be >= 0/,
    );
    expect(() => parseProblemJson(JSON.stringify({ ...minimal, extra: 1 }))).toThrow(ProblemError);
    expect(() => parseProblemJson('{')).toThrow(/not valid JSON/);
  });

  it('should reject references to unknown courses and rooms', () => {
    const bad = { ...minimal, curricula: [{ id: 'Q', courses: ['A', 'Z'] }] };
    expect(() => parseProblemJson(JSON.stringify(bad))).toThrow('curriculum Q: unknown course "Z"');
  });
});

describe('the college example (examples/timetabling)', () => {
  const problem = loadProblemFile(fileURLToPath(EXAMPLE)).problem;

  it('should have the advertised size', () => {
    const c = compile(problem);
    expect(problem.courses).toHaveLength(60);
    expect(problem.rooms).toHaveLength(15);
    expect(problem.instructors).toHaveLength(25);
    expect(problem.curricula.length).toBeGreaterThanOrEqual(12);
    expect(c.nWeeks).toBe(14);
  });

  it('should solve to a feasible timetable with dates and times', async () => {
    const controller = new AbortController();
    const r = await solve(problem, {
      now: () => performance.now(),
      timeLimitMs: 25_000,
      seed: 1,
      signal: controller.signal,
      // Stop as soon as it is feasible: the test is about feasibility, not quality.
      onProgress: (p) => {
        if (p.bestHard === 0) controller.abort();
      },
    });
    expect(r.hard).toBe(0);
    const doc = toJsonSolution(compile(problem), r);
    expect(doc.meetings).toHaveLength(compile(problem).nMeetings);
    const orientation = doc.meetings.find((m) => m.course === 'ORIENT')!;
    expect(orientation).toMatchObject({ date: '2026-09-08', start: '10:15', room: 'HALL-A' });
    expect(
      doc.meetings.every(
        (m) =>
          m.date !== null &&
          !['2026-10-12', '2026-11-11', '2026-11-26', '2026-11-27'].includes(m.date),
      ),
    ).toBe(true);
  }, 30_000);
});
