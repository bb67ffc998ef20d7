import { describe, expect, it } from 'vitest';
import { TOY_CTT } from '../test-support/toy.js';
import { CttParseError, parseCtt } from './ctt-parser.js';

function errorOf(text: string): CttParseError {
  try {
    parseCtt(text);
  } catch (err) {
    if (err instanceof CttParseError) return err;
    throw err;
  }
  throw new Error('expected a parse error');
}

describe(parseCtt.name, () => {
  it('should read the toy example into the common model', () => {
    const p = parseCtt(TOY_CTT);
    expect(p.name).toBe('ToyExample');
    expect(p.time).toEqual({ kind: 'weekly', days: 5, periodsPerDay: 4 });
    expect(
      p.courses.map((c) => [c.id, c.instructors[0], c.meetings, c.minDays, c.students]),
    ).toEqual([
      ['SceCosC', 'Ocra', 3, 3, 30],
      ['ArcTec', 'Indaco', 3, 2, 42],
      ['TecCos', 'Rosa', 5, 4, 40],
      ['Geotec', 'Scarlatti', 5, 4, 18],
    ]);
    expect(p.rooms).toEqual([
      { id: 'A', capacity: 32 },
      { id: 'B', capacity: 50 },
    ]);
    expect(p.curricula[1]).toEqual({ id: 'Cur2', courses: ['TecCos', 'Geotec'] });
    expect(p.courses[2]!.unavailable).toEqual([
      { day: 2, period: 0 },
      { day: 2, period: 1 },
      { day: 3, period: 2 },
      { day: 3, period: 3 },
    ]);
    expect(p.weights?.['soft.min_working_days']).toBe(5);
  });

  it('should accept tabs, trailing blanks and CRLF line ends', () => {
    const messy = TOY_CTT.replace('A 32', 'A\t32   ').replace(/\n/g, '\r\n');
    expect(parseCtt(messy).rooms[0]).toEqual({ id: 'A', capacity: 32 });
  });

  it('should name the line and the expected header key', () => {
    const e = errorOf(TOY_CTT.replace('Rooms: 2', 'Room: 2'));
    expect(e.line).toBe(3);
    expect(e.message).toBe('line 3: expected "Rooms: <value>", got "Room: 2"');
  });

  it('should reject a non-integer count with the line number', () => {
    const e = errorOf(TOY_CTT.replace('ArcTec Indaco 3 2 42', 'ArcTec Indaco three 2 42'));
    expect(e.message).toBe('line 11: expected NumLectures (an integer), got "three"');
  });

  it('should reject a course line with the wrong number of fields', () => {
    const e = errorOf(TOY_CTT.replace('TecCos Rosa 5 4 40', 'TecCos Rosa 5 4'));
    expect(e.message).toMatch(
      /^line 12: expected "CourseID TeacherID NumLectures MinWorkingDays NumStudents" \(5 fields\), got 4 fields$/,
    );
  });

  it('should reject a curriculum naming an unknown course', () => {
    const e = errorOf(TOY_CTT.replace('Cur2 2 TecCos Geotec', 'Cur2 2 TecCos Geo'));
    expect(e.message).toBe('line 21: curriculum "Cur2" names unknown course "Geo"');
  });

  it('should reject a missing section marker', () => {
    const e = errorOf(TOY_CTT.replace('ROOMS:', 'ROOMZ:'));
    expect(e.message).toBe('line 15: expected "ROOMS:", got "ROOMZ:"');
  });

  it('should reject unavailability outside the grid', () => {
    const e = errorOf(TOY_CTT.replace('ArcTec 4 3', 'ArcTec 5 3'));
    expect(e.message).toBe('line 31: expected Day < 5, got 5');
  });

  it('should reject too few data lines and a missing END.', () => {
    expect(errorOf(TOY_CTT.replace('Constraints: 8', 'Constraints: 9')).message).toBe(
      'line 33: expected "CourseID Day Slot" (3 fields), got 1 fields',
    );
    expect(errorOf(TOY_CTT.replace('END.', '')).message).toMatch(
      /unexpected end of file, expected "END\."/,
    );
    expect(errorOf(`${TOY_CTT}extra\n`).message).toMatch(/expected nothing after "END\."/);
  });
});
