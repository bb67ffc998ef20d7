/** The ids of a list response, in order. */
export const ids = (res: { json(): unknown }) =>
  (res.json() as { data: Array<{ id: string }> }).data.map((c) => c.id);
