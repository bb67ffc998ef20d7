/** Public surface of the timetabling engine: pure functions over plain data. */
export type { Assignment, Placements } from './assignment.js';
export { cloneAssignment, emptyAssignment, toPlacements } from './assignment.js';
export { compile, ProblemError } from './compile.js';
export type { Compiled } from './compiled.js';
export { activeConstraints, CONSTRAINTS, constraintById } from './constraints/registry.js';
export type { Constraint, Violation } from './constraints/types.js';
export type { BreakdownItem, Evaluation } from './evaluate.js';
export { evaluate, evaluatePlacements } from './evaluate.js';
export { findInfeasibilities, type Infeasibility } from './feasibility.js';
export { CttParseError, ITC2007_WEIGHTS, parseCtt } from './formats/ctt-parser.js';
export {
  placementsToAssignment,
  readItcSolution,
  writeItcSolution,
} from './formats/itc-solution.js';
export { parseProblemJson, problemJsonSchema } from './formats/json-problem.js';
export type { JsonMeeting, JsonSolution } from './formats/json-solution.js';
export { fromJsonSolution, toJsonSolution } from './formats/json-solution.js';
export { IncrementalEvaluator } from './incremental.js';
export type * from './model.js';
export { checkProblem, type ProblemIssue } from './problem-checks.js';
export type { ReSolveOptions, ReSolveResult } from './solvers/minimal-perturbation.js';
export { placedMeetings, reSolve } from './solvers/minimal-perturbation.js';
export { solveCompiled } from './solvers/solve.js';
export { solve } from './solvers/solve-problem.js';
export { measureDeltaThroughput } from './solvers/throughput.js';
export type * from './solvers/types.js';
export { SOLVER_NAMES } from './solvers/types.js';
export { buildTimeGrid, type TimeGrid } from './time-grid.js';
export * from './workloads/index.js';
