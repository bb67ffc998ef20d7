/**
 * OULAD-shaped records as the risk engine reads them: plain data, days relative to the start of a
 * presentation (negative = before it), `null` where the source leaves a value out.
 */
export interface PresentationRecord {
  module: string;
  presentation: string;
  lengthDays: number;
}

export type AssessmentType = 'TMA' | 'CMA' | 'Exam';

export interface AssessmentRecord {
  module: string;
  presentation: string;
  id: string;
  type: AssessmentType;
  /** The due day; OULAD leaves it out for most final exams (they fall at the end). */
  dueDay: number | null;
  weight: number;
}

export type FinalResult = 'Pass' | 'Distinction' | 'Fail' | 'Withdrawn';

export interface StudentRecord {
  module: string;
  presentation: string;
  studentId: string;
  gender: string | null;
  region: string | null;
  highestEducation: string | null;
  imdBand: string | null;
  ageBand: string | null;
  prevAttempts: number | null;
  studiedCredits: number | null;
  disability: boolean | null;
  /** `null` when the outcome is not (yet) known, as in files to score. */
  finalResult: FinalResult | null;
}

export interface RegistrationRecord {
  module: string;
  presentation: string;
  studentId: string;
  registeredDay: number | null;
  unregisteredDay: number | null;
}

export interface AssessmentResultRecord {
  assessmentId: string;
  studentId: string;
  submittedDay: number | null;
  banked: boolean;
  score: number | null;
}

/** A learner's clicks in the VLE of one presentation, summed per day (days ascending). */
export interface ClickSeries {
  module: string;
  presentation: string;
  studentId: string;
  days: number[];
  clicks: number[];
}

export interface OuladData {
  presentations: PresentationRecord[];
  assessments: AssessmentRecord[];
  students: StudentRecord[];
  registrations: RegistrationRecord[];
  results: AssessmentResultRecord[];
  /** From studentVle.csv when it is there; empty when it is not. */
  clicks?: ClickSeries[];
}

/** Fail or Withdrawn is the positive class; `null` when there is no outcome. */
export function atRisk(result: FinalResult | null): 0 | 1 | null {
  if (result === null) return null;
  return result === 'Fail' || result === 'Withdrawn' ? 1 : 0;
}

export const presentationKey = (module: string, presentation: string) =>
  `${module}\u0000${presentation}`;
