/** What a template may say about a learner: `{{learnerName}}` and so on. */
export const TEMPLATE_VARIABLES = [
  'learnerName',
  'program',
  'course',
  'progress',
  'quizAverage',
  'riskLabel',
  'riskFactors',
  'type',
  'channel',
] as const;
export type TemplateVariables = Record<(typeof TEMPLATE_VARIABLES)[number], string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders of a template that are not variables (empty when it is well formed). */
export function unknownVariables(template: string): string[] {
  const known = new Set<string>(TEMPLATE_VARIABLES);
  return [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((name, i, all) => !known.has(name) && all.indexOf(name) === i);
}

export function render(template: string, vars: TemplateVariables): string {
  return template.replace(PLACEHOLDER, (_, name: string) =>
    name in vars ? vars[name as keyof TemplateVariables] : '',
  );
}

/** The learner's situation picks the fallback template. */
export type Situation = 'completion_boost' | 'quiz_reminder' | 'engagement';

/** Completion above 50 % → a boost to finish; else a quiz average under 70 → a reminder; else engagement. */
export function situationOf(
  completedPercent: number | null,
  avgQuizScore: number | null,
): Situation {
  if (completedPercent !== null && completedPercent > 50) return 'completion_boost';
  if (avgQuizScore !== null && avgQuizScore < 70) return 'quiz_reminder';
  return 'engagement';
}

export const fallbackPromptName = (situation: Situation) => `fallback_${situation}`;

/** The label a message carries of the template that made it: `<name>_v<version>`. */
export const versionLabel = (name: string, version: number) => `${name}_v${version}`;

/** `nudge_v3` → `{ name: 'nudge', version: 3 }`; undefined for anything else. */
export function parseVersionLabel(label: string): { name: string; version: number } | undefined {
  const match = /^([a-z][a-z0-9_]*)_v(\d{1,9})$/.exec(label);
  return match ? { name: match[1]!, version: Number(match[2]) } : undefined;
}

export interface BuiltInPrompt {
  name: string;
  /** Built-ins are version 0; stored versions count from 1. */
  version: 0;
  system: string | null;
  template: string;
}

/**
 * What is used while no version of a name was stored: the product works with an empty prompt
 * table and no LLM. Stored versions replace them.
 */
export const BUILT_IN_PROMPTS: Record<string, BuiltInPrompt> = {
  nudge: {
    name: 'nudge',
    version: 0,
    system:
      'You write short, warm, specific messages that encourage one learner to keep studying. Two sentences at most, no greeting line, no emoji, no links.',
    template:
      'Write a {{type}} message for {{learnerName}} ({{program}}), sent by {{channel}}. Course: {{course}}. Progress: {{progress}} complete, quiz average {{quizAverage}}. Risk {{riskLabel}}: {{riskFactors}}.',
  },
  quiz: {
    name: 'quiz',
    version: 0,
    system:
      'You write short practice quizzes as plain text: numbered questions, each with options a) to d), and the answers at the end.',
    template:
      'Write a practice quiz for {{learnerName}} on {{course}}. Difficulty and focus: {{type}}.',
  },
  fallback_completion_boost: {
    name: 'fallback_completion_boost',
    version: 0,
    system: null,
    template:
      'Hi {{learnerName}}, you are {{progress}} of the way through {{course}}: the finish line is close. One more session this week gets you there.',
  },
  fallback_quiz_reminder: {
    name: 'fallback_quiz_reminder',
    version: 0,
    system: null,
    template:
      'Hi {{learnerName}}, your quiz average in {{course}} is {{quizAverage}}. A short practice quiz today is the quickest way to lift it.',
  },
  fallback_engagement: {
    name: 'fallback_engagement',
    version: 0,
    system: null,
    template:
      'Hi {{learnerName}}, we have missed you in {{course}}. Pick up where you left off: even fifteen minutes keeps the momentum going.',
  },
};

const FACTOR_WORDS: Record<string, (value: number | null) => string> = {
  completion: (v) => `${v ?? 0} % of the course completed`,
  quiz: (v) => (v === null ? 'no quiz taken yet' : `a quiz average of ${v}`),
  missedSessions: (v) => `${v ?? 0} sessions missed in a row`,
  recency: (v) =>
    v === null || v >= 1
      ? 'no login for a month or more'
      : v > 0
        ? 'no login for over a week'
        : 'logged in this week',
};

/** The factors that weigh most on the risk, in words, largest first. */
export function factorsInWords(
  factors: readonly { name: string; contribution: number; value: number | null }[],
): string {
  const words = [...factors]
    .filter((f) => f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 3)
    .map((f) => FACTOR_WORDS[f.name]?.(f.value) ?? f.name);
  return words.length === 0 ? 'nothing stands out' : words.join('; ');
}
