import type { Problem, SlotRef } from './model.js';

/** One thing wrong with a problem: where (a path such as `courses[3].instructors`) and what. */
export interface ProblemIssue {
  path: string;
  message: string;
}

/**
 * Every inconsistency of a problem at once (compile() stops at the first): duplicate ids,
 * references to missing rooms, instructors or courses, negative sizes, slots outside the grid.
 */
export function checkProblem(p: Problem): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const days = p.time.kind === 'weekly' ? p.time.days : Number.POSITIVE_INFINITY;
  const periods = p.time.kind === 'weekly' ? p.time.periodsPerDay : p.time.periods.length;
  if (p.time.kind === 'weekly' && !(days >= 1 && days <= 7))
    add('time.days', `a week has 1 to 7 teaching days, got ${days}`);
  if (!(periods >= 1)) add('time.periods', 'a day needs at least one period');
  const slotCheck = (path: string, ref: SlotRef) => {
    if ('slot' in ref) {
      if (ref.slot < 0 || (Number.isFinite(days) && ref.slot >= days * periods))
        add(path, `slot ${ref.slot} is outside the grid`);
    } else if ('day' in ref) {
      if (ref.day < 0 || ref.day >= days || ref.period < 0 || ref.period >= periods)
        add(path, `day ${ref.day}, period ${ref.period} is outside the ${days}×${periods} grid`);
    } else if (ref.period !== undefined && (ref.period < 0 || ref.period >= periods))
      add(path, `period ${ref.period} is outside the ${periods} periods of a day`);
  };
  const ids = (what: string, list: Array<{ id: string }>) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (!x.id) add(`${what}[${i}].id`, 'an id is required');
      else if (seen.has(x.id)) add(`${what}[${i}].id`, `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
    return seen;
  };
  const rooms = ids('rooms', p.rooms);
  const instructors = ids('instructors', p.instructors);
  const courses = ids('courses', p.courses);
  ids('curricula', p.curricula);
  p.rooms.forEach((r, i) => {
    if (!(r.capacity >= 0))
      add(`rooms[${i}].capacity`, `capacity must be 0 or more, got ${r.capacity}`);
    for (const [k, ref] of (r.unavailable ?? []).entries())
      slotCheck(`rooms[${i}].unavailable[${k}]`, ref);
  });
  p.instructors.forEach((ins, i) => {
    for (const [k, ref] of (ins.unavailable ?? []).entries())
      slotCheck(`instructors[${i}].unavailable[${k}]`, ref);
    for (const [k, ref] of (ins.preferred ?? []).entries())
      slotCheck(`instructors[${i}].preferred[${k}]`, ref);
  });
  p.courses.forEach((c, i) => {
    const at = `courses[${i}]`;
    if (!(Number.isInteger(c.meetings) && c.meetings >= 1))
      add(`${at}.meetings`, `a course needs at least 1 meeting, got ${c.meetings}`);
    if (!(c.students >= 0)) add(`${at}.students`, `students must be 0 or more, got ${c.students}`);
    c.instructors.forEach((code, k) => {
      // Instructors only named by courses are allowed when the problem lists none (ITC-2007).
      if (p.instructors.length > 0 && !instructors.has(code))
        add(`${at}.instructors[${k}]`, `course "${c.id}" names unknown instructor "${code}"`);
    });
    for (const [k, ref] of (c.unavailable ?? []).entries())
      slotCheck(`${at}.unavailable[${k}]`, ref);
    (c.pinned ?? []).forEach((pin, k) => {
      if (pin.room !== undefined && !rooms.has(pin.room))
        add(`${at}.pinned[${k}].room`, `course "${c.id}" is pinned to unknown room "${pin.room}"`);
      if (pin.slot) slotCheck(`${at}.pinned[${k}].slot`, pin.slot);
    });
  });
  for (const [i, q] of p.curricula.entries())
    for (const [k, code] of q.courses.entries())
      if (!courses.has(code))
        add(`curricula[${i}].courses[${k}]`, `curriculum "${q.id}" names missing course "${code}"`);
  return issues;
}
