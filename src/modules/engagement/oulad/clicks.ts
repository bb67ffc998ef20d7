import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ClickSeries } from '../engine/records.js';
import type { OuladIssue } from './reader.js';

const REQUIRED = ['code_module', 'code_presentation', 'id_student', 'date', 'sum_click'];
const unquote = (s: string) => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
};

/**
 * Reads studentVle.csv (about 10 million rows in the full dataset) line by line into one daily
 * click series per learner and presentation. Its fields are codes and numbers, never quoted
 * commas, so a plain split is safe and much faster than a general CSV parser here.
 */
export async function readClickStream(
  path: string,
  file: string,
  issues: OuladIssue[],
): Promise<ClickSeries[]> {
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const byLearner = new Map<string, { series: ClickSeries; perDay: Map<number, number> }>();
  let header: string[] | null = null;
  let col: number[] = [];
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const cells = line.split(',').map(unquote);
    if (!header) {
      header = cells;
      const absent = REQUIRED.filter((c) => !cells.includes(c));
      if (absent.length > 0) {
        issues.push({ file, line: 1, message: `missing column(s): ${absent.join(', ')}` });
        lines.close();
        return [];
      }
      col = REQUIRED.map((c) => cells.indexOf(c));
      continue;
    }
    if (cells.length !== header.length) {
      issues.push({
        file,
        line: lineNo,
        message: `${cells.length} field(s), the header has ${header.length}`,
      });
      continue;
    }
    const [module, presentation, studentId, dayText, clickText] = col.map((j) => cells[j] ?? '');
    const day = Number(dayText);
    const clicks = Number(clickText);
    if (
      !module ||
      !presentation ||
      !studentId ||
      dayText === '' ||
      !Number.isFinite(day) ||
      !Number.isFinite(clicks)
    ) {
      issues.push({
        file,
        line: lineNo,
        message: 'a code is empty, or date or sum_click is not a number',
      });
      continue;
    }
    const key = `${module}\u0000${presentation}\u0000${studentId}`;
    let entry = byLearner.get(key);
    if (!entry) {
      entry = {
        series: { module, presentation, studentId, days: [], clicks: [] },
        perDay: new Map(),
      };
      byLearner.set(key, entry);
    }
    entry.perDay.set(day, (entry.perDay.get(day) ?? 0) + clicks);
  }
  return [...byLearner.values()].map(({ series, perDay }) => {
    const days = [...perDay.keys()].sort((a, b) => a - b);
    return { ...series, days, clicks: days.map((d) => perDay.get(d) ?? 0) };
  });
}
