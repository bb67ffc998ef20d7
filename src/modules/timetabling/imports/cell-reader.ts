import type { ErrorDetail } from '#platform/errors/index.js';
import { issueAt, type Location, type SourceTable } from './source-table.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^(\d{1,2}):(\d{2})$/;

/** Typed reads of one row's cells; every bad cell adds an issue at its row and column. */
export function cellReader(
  table: SourceTable,
  record: SourceTable['rows'][number],
  issues: ErrorDetail[],
) {
  const at = (column?: string): Location => ({
    file: table.file,
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    row: record.row,
    ...(column !== undefined ? { column } : {}),
  });
  const fail = (column: string, message: string) => {
    issues.push(issueAt(at(column), message));
  };
  const text = (column: string): string | undefined => record.cells[column] || undefined;
  const r = {
    at,
    fail,
    text,
    /** The cell's text; an empty one is an issue, unless its whole column is missing. */
    required(column: string): string | undefined {
      const v = text(column);
      if (v === undefined && table.columns.has(column)) fail(column, `${column} is required`);
      return v;
    },
    int(column: string, min?: number, required = false): number | undefined {
      const v = required ? r.required(column) : text(column);
      if (v === undefined) return undefined;
      if (!/^[+-]?\d+(\.0+)?$/.test(v)) {
        fail(column, `${column} must be a whole number, got "${v}"`);
        return undefined;
      }
      const n = Number.parseInt(v, 10);
      if (min !== undefined && n < min) fail(column, `${column} must be ${min} or more, got ${n}`);
      return n;
    },
    number(column: string, min: number): number | undefined {
      const v = r.required(column);
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) fail(column, `${column} must be a number, got "${v}"`);
      else if (n < min) fail(column, `${column} must be ${min} or more, got ${n}`);
      return Number.isFinite(n) ? n : undefined;
    },
    list(column: string): string[] {
      return (text(column) ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    },
    date(column: string, required = false): string | undefined {
      const v = required ? r.required(column) : text(column);
      if (v === undefined) return undefined;
      const d = new Date(`${v}T00:00:00Z`);
      if (!DATE.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
        fail(column, `${column} must be a date YYYY-MM-DD, got "${v}"`);
        return undefined;
      }
      return v;
    },
    clock(column: string): string | undefined {
      const v = text(column);
      if (v === undefined) return undefined;
      const m = CLOCK.exec(v);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
        fail(column, `${column} must be a clock time HH:MM, got "${v}"`);
        return undefined;
      }
      return v.padStart(5, '0');
    },
    oneOf<T extends string>(column: string, values: readonly T[], fallback: T): T {
      const v = text(column)?.toLowerCase();
      if (v === undefined) return fallback;
      if ((values as readonly string[]).includes(v)) return v as T;
      fail(column, `${column} must be one of ${values.join(', ')}, got "${v}"`);
      return fallback;
    },
  };
  return r;
}

export type CellReader = ReturnType<typeof cellReader>;
