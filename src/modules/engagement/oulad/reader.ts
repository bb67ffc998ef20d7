import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type {
  AssessmentRecord,
  AssessmentResultRecord,
  AssessmentType,
  FinalResult,
  OuladData,
  PresentationRecord,
  RegistrationRecord,
  StudentRecord,
} from '../engine/records.js';
import { readClickStream } from './clicks.js';

/** A row that could not be read: which file, which line (1 = the header), and why. */
export interface OuladIssue {
  file: string;
  line: number;
  message: string;
}

export interface OuladReadResult {
  data: OuladData;
  issues: OuladIssue[];
  /** The optional files that were not there. */
  missing: string[];
}

type Row = Record<string, string>;
class RowError extends Error {}

const ASSESSMENT_TYPES: readonly string[] = ['TMA', 'CMA', 'Exam'];
const FINAL_RESULTS: readonly string[] = ['Pass', 'Distinction', 'Fail', 'Withdrawn'];

function text(row: Row, column: string): string {
  const v = row[column];
  if (v === undefined || v.trim() === '') throw new RowError(`${column} is empty`);
  return v.trim();
}
const optionalText = (row: Row, column: string) => {
  const v = row[column]?.trim();
  return v ? v : null;
};
function optionalNumber(row: Row, column: string): number | null {
  const v = row[column]?.trim();
  if (!v) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new RowError(`${column} is not a number: "${v}"`);
  return n;
}
function number(row: Row, column: string): number {
  const n = optionalNumber(row, column);
  if (n === null) throw new RowError(`${column} is empty`);
  return n;
}
function oneOf<T extends string>(row: Row, column: string, allowed: readonly string[]): T | null {
  const v = optionalText(row, column);
  if (v === null) return null;
  if (!allowed.includes(v))
    throw new RowError(`${column} is not one of ${allowed.join(', ')}: "${v}"`);
  return v as T;
}
function yesNo(row: Row, column: string): boolean | null {
  const v = optionalText(row, column);
  if (v === null) return null;
  if (v === 'Y' || v === '1') return true;
  if (v === 'N' || v === '0') return false;
  throw new RowError(`${column} is not Y or N: "${v}"`);
}

const presentation = (r: Row): PresentationRecord => ({
  module: text(r, 'code_module'),
  presentation: text(r, 'code_presentation'),
  lengthDays: number(r, 'module_presentation_length'),
});
function assessment(r: Row): AssessmentRecord {
  const type = oneOf<AssessmentType>(r, 'assessment_type', ASSESSMENT_TYPES);
  if (type === null) throw new RowError('assessment_type is empty');
  return {
    module: text(r, 'code_module'),
    presentation: text(r, 'code_presentation'),
    id: text(r, 'id_assessment'),
    type,
    dueDay: optionalNumber(r, 'date'),
    weight: optionalNumber(r, 'weight') ?? 0,
  };
}
const student = (r: Row): StudentRecord => ({
  module: text(r, 'code_module'),
  presentation: text(r, 'code_presentation'),
  studentId: text(r, 'id_student'),
  gender: optionalText(r, 'gender'),
  region: optionalText(r, 'region'),
  highestEducation: optionalText(r, 'highest_education'),
  imdBand: optionalText(r, 'imd_band'),
  ageBand: optionalText(r, 'age_band'),
  prevAttempts: optionalNumber(r, 'num_of_prev_attempts'),
  studiedCredits: optionalNumber(r, 'studied_credits'),
  disability: yesNo(r, 'disability'),
  finalResult: oneOf<FinalResult>(r, 'final_result', FINAL_RESULTS),
});
const registration = (r: Row): RegistrationRecord => ({
  module: text(r, 'code_module'),
  presentation: text(r, 'code_presentation'),
  studentId: text(r, 'id_student'),
  registeredDay: optionalNumber(r, 'date_registration'),
  unregisteredDay: optionalNumber(r, 'date_unregistration'),
});
const result = (r: Row): AssessmentResultRecord => ({
  assessmentId: text(r, 'id_assessment'),
  studentId: text(r, 'id_student'),
  submittedDay: optionalNumber(r, 'date_submitted'),
  banked: yesNo(r, 'is_banked') ?? false,
  score: optionalNumber(r, 'score'),
});

/** Parses one file's rows with `map`; a row that fails becomes an issue and is skipped. */
function readRows<T>(
  file: string,
  content: string,
  required: string[],
  map: (row: Row) => T,
  issues: OuladIssue[],
): T[] {
  let rows: string[][];
  try {
    rows = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    issues.push({ file, line, message: err instanceof Error ? err.message : String(err) });
    return [];
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  const absent = required.filter((c) => !header.includes(c));
  if (absent.length > 0) {
    issues.push({ file, line: 1, message: `missing column(s): ${absent.join(', ')}` });
    return [];
  }
  const out: T[] = [];
  // Every data row sits on its own line in OULAD files (no quoted newlines), so index + 1 is the line.
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (cells.length !== header.length) {
      issues.push({
        file,
        line: i + 1,
        message: `${cells.length} field(s), the header has ${header.length}`,
      });
      continue;
    }
    const row: Row = {};
    header.forEach((h, j) => {
      row[h] = cells[j] ?? '';
    });
    try {
      out.push(map(row));
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      issues.push({ file, line: i + 1, message: err.message });
    }
  }
  return out;
}

const FILES = {
  courses: ['code_module', 'code_presentation', 'module_presentation_length'],
  assessments: ['code_module', 'code_presentation', 'id_assessment', 'assessment_type', 'date'],
  studentInfo: ['code_module', 'code_presentation', 'id_student'],
  studentRegistration: ['code_module', 'code_presentation', 'id_student', 'date_registration'],
  studentAssessment: ['id_assessment', 'id_student', 'date_submitted', 'score'],
} as const;
const REQUIRED_FILES = new Set(['courses', 'studentInfo']);

/**
 * Reads an OULAD directory (courses.csv, assessments.csv, studentInfo.csv,
 * studentRegistration.csv, studentAssessment.csv, and the click stream studentVle.csv when it is
 * there; vle.csv is not used). courses.csv and studentInfo.csv must be there; the others may be missing.
 */
export async function readOuladDirectory(dir: string): Promise<OuladReadResult> {
  const issues: OuladIssue[] = [];
  const missing: string[] = [];
  const load = async <T>(name: keyof typeof FILES, map: (row: Row) => T): Promise<T[]> => {
    const file = `${name}.csv`;
    const path = join(dir, file);
    if (!existsSync(path)) {
      if (REQUIRED_FILES.has(name)) throw new Error(`${path}: not found (it is required)`);
      missing.push(file);
      return [];
    }
    return readRows(file, await readFile(path, 'utf8'), [...FILES[name]], map, issues);
  };
  const data: OuladData = {
    presentations: await load('courses', presentation),
    assessments: await load('assessments', assessment),
    students: await load('studentInfo', student),
    registrations: await load('studentRegistration', registration),
    results: await load('studentAssessment', result),
  };
  const clickPath = join(dir, 'studentVle.csv');
  if (existsSync(clickPath))
    data.clicks = await readClickStream(clickPath, 'studentVle.csv', issues);
  else missing.push('studentVle.csv');
  return { data, issues, missing };
}
