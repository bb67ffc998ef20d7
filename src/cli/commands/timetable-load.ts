import { InvalidArgumentError } from 'commander';

export { loadProblemFile as loadProblem } from '#modules/timetabling/runner/index.js';

/** Option parser for numbers; a bad value is a usage error (exit 2). */
export function numberOption(name: string, opts: { integer?: boolean; min?: number } = {}) {
  return (value: string): number => {
    const n = Number(value);
    const min = opts.min ?? 0;
    if (!Number.isFinite(n) || n < min || (opts.integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(
        `${name} must be ${opts.integer ? 'an integer' : 'a number'} >= ${min}, got "${value}"`,
      );
    }
    return n;
  };
}
