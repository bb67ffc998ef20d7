import { buildActivityRows } from './build-activity-rows.js';
import { buildCatalogRows } from './build-catalog-rows.js';
import { DEMO_CATEGORIES, DEMO_COURSES } from './content/index.js';
import type { DemoCatalogRows } from './demo-tables.js';
import type { IdSource } from './plan-types.js';
import { createPrng } from './prng.js';

/** Any constant: changing it gives the demo learners a different (but again fixed) history. */
const DEMO_SEED = 20_250_901;

/** Every row of the demo catalog, the same on every call but for the ids and `now`. */
export function buildDemoCatalog(input: {
  instructorIds: string[];
  learnerIds: string[];
  now: Date;
  newId: IdSource;
}): DemoCatalogRows {
  const { rows, planned } = buildCatalogRows({
    categories: DEMO_CATEGORIES,
    courses: DEMO_COURSES,
    instructorIds: input.instructorIds,
    now: input.now,
    newId: input.newId,
  });
  const activity = buildActivityRows({
    courses: planned,
    learnerIds: input.learnerIds,
    now: input.now,
    prng: createPrng(DEMO_SEED),
    newId: input.newId,
  });
  return { ...rows, ...activity };
}
