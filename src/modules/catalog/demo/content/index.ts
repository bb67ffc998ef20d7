import type { DemoCourseSpec } from '../content-types.js';
import { academicWriting } from './academic-writing.js';
import { astronomy } from './astronomy.js';
import { classicalMechanics } from './classical-mechanics.js';
import { descriptiveStatistics } from './descriptive-statistics.js';
import { linearAlgebra } from './linear-algebra.js';
import { pythonForScientists } from './python-for-scientists.js';
import { spanishForBeginners } from './spanish-for-beginners.js';

export { DEMO_CATEGORIES } from './categories.js';

/** In order of publication, oldest first. */
export const DEMO_COURSES: DemoCourseSpec[] = [
  astronomy,
  pythonForScientists,
  linearAlgebra,
  academicWriting,
  classicalMechanics,
  spanishForBeginners,
  descriptiveStatistics,
];
