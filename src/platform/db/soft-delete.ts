import { type Column, isNull, type SQL } from 'drizzle-orm';

/** Filter for live rows of a soft-deletable table. */
export const notDeleted = (deletedAt: Column): SQL => isNull(deletedAt);

/** Values that soft-delete a row. */
export const softDeleteValues = (actorId: string | null) => ({
  deletedAt: new Date(),
  updatedBy: actorId,
});

/** Values that restore a soft-deleted row. */
export const restoreValues = (actorId: string | null) => ({ deletedAt: null, updatedBy: actorId });
