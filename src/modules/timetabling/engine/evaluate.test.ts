import { describe, expect, it } from 'vitest';
import { HAS_ITC, ITC_SKIP_NOTE, itcInstances, loadItcInstance } from '../runner/itc-data.js';
import { compile } from './compile.js';
import { evaluate, evaluatePlacements } from './evaluate.js';
import { parseCtt } from './formats/ctt-parser.js';
import {
  placementsToAssignment,
  readItcSolution,
  writeItcSolution,
} from './formats/itc-solution.js';
import { IncrementalEvaluator } from './incremental.js';
import { Rng } from './solvers/rng.js';
import { TOY_CTT, TOY_SOLUTION } from './test-support/toy.js';

describe(evaluatePlacements.name, () => {
  const c = compile(parseCtt(TOY_CTT));

  it('should reproduce the official counts on the toy example (hard 5, soft 30 = 8 + 15 + 4 + 3)', () => {
    const e = evaluatePlacements(c, readItcSolution(c, TOY_SOLUTION).placements);
    expect(e.hard).toBe(5);
    expect(e.soft).toBe(30);
    const counts = Object.fromEntries(Object.entries(e.breakdown).map(([id, b]) => [id, b.cost]));
    expect(counts).toEqual({
      'hard.all_scheduled': 0,
      'hard.no_room_clash': 2,
      'hard.no_curriculum_clash': 3,
      'hard.availability': 0,
      'soft.room_capacity': 8,
      'soft.min_working_days': 15,
      'soft.curriculum_compactness': 4,
      'soft.room_stability': 3,
    });
  });

  it('should explain each violation in words naming courses, rooms and slots', () => {
    const e = evaluatePlacements(c, readItcSolution(c, TOY_SOLUTION).placements);
    const messages = e.violations.map((v) => v.message);
    expect(messages).toContain(
      'ArcTec and TecCos share curriculum Cur1 and both meet Mon period 1 (day 0, slot 1)',
    );
    expect(messages).toContain(
      'SceCosC and Geotec are both in room B at Thu period 0 (day 3, slot 0)',
    );
    expect(messages).toContain(
      'TecCos (40 students) meets in room A (32 seats) at Mon period 1 (day 0, slot 1): 8 over capacity',
    );
    const clash = e.violations.find((v) => v.constraint === 'hard.no_curriculum_clash')!;
    expect(clash).toMatchObject({ courses: ['ArcTec', 'TecCos'], curricula: ['Cur1'], cost: 1 });
    expect(e.violations.filter((v) => v.constraint.startsWith('hard.')).length).toBe(5);
  });

  it('should count missing, duplicate and extra lectures like the official validator', () => {
    const lines = TOY_SOLUTION.trim().split('\n');
    // Drop one SceCosC lecture; repeat a TecCos period in another room (skipped); add a 4th ArcTec lecture.
    const text = [
      ...lines.slice(1),
      'TecCos A 0 0',
      'ArcTec A 2 3',
      'Nope A 0 0',
      'ArcTec A 9 0',
    ].join('\n');
    const read = readItcSolution(c, text);
    expect(read.warnings).toHaveLength(3);
    const e = evaluatePlacements(c, read.placements);
    expect(e.breakdown['hard.all_scheduled']!.count).toBe(2);
  });

  it('should count a clashing pair once even when courses share a curriculum and a teacher', () => {
    const twice = TOY_CTT.replace('ArcTec Indaco', 'ArcTec Ocra').replace(
      'Cur2 2 TecCos Geotec',
      'Cur2 2 SceCosC ArcTec',
    );
    const c2 = compile(parseCtt(twice));
    const e = evaluatePlacements(
      c2,
      readItcSolution(c2, 'SceCosC A 0 0\nArcTec B 0 0\n').placements,
    );
    expect(
      e.breakdown['hard.no_curriculum_clash']!.count +
        (e.breakdown['hard.no_instructor_clash']?.count ?? 0),
    ).toBe(1);
  });
});

describe.skipIf(!HAS_ITC)(
  `ITC-2007 round trips (${HAS_ITC ? 'all 21 instances' : ITC_SKIP_NOTE})`,
  () => {
    it('should find the 21 instances', () => {
      expect(itcInstances()).toHaveLength(21);
    });

    it.each(itcInstances())(
      '%s: write → read → evaluate gives the same figures as the incremental state',
      (file) => {
        const c = compile(loadItcInstance(file));
        const rng = new Rng(file.length * 7919);
        const ev = new IncrementalEvaluator(c);
        // A random timetable with distinct periods per course, so the file holds every lecture.
        for (let ci = 0; ci < c.nCourses; ci++) {
          const used = new Set<number>();
          for (let m = c.courseFirstMeeting[ci]!; m < c.courseFirstMeeting[ci + 1]!; m++) {
            let s = rng.int(c.nSlots);
            while (used.has(s)) s = rng.int(c.nSlots);
            used.add(s);
            ev.move(m, s, rng.int(c.nRooms));
          }
        }
        const text = writeItcSolution(c, ev.st.assignment());
        expect(text.trim().split('\n')).toHaveLength(c.nMeetings);
        const read = readItcSolution(c, text);
        expect(read.warnings).toEqual([]);
        const fromFile = evaluatePlacements(c, read.placements, 0);
        const direct = evaluate(c, placementsToAssignment(c, read.placements), 0);
        expect(fromFile.hard).toBe(ev.hard);
        expect(fromFile.soft).toBe(ev.soft);
        expect(direct.breakdown).toEqual(fromFile.breakdown);
        expect(writeItcSolution(c, placementsToAssignment(c, read.placements))).toBe(text);
      },
    );
  },
);
