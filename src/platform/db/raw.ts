/** The rows of a raw `db.execute(sql…)` result, on either engine. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
