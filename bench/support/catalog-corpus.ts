// Realistic-looking published courses generated from word lists, the same for every run.
import { createPrng, type Prng } from '#modules/catalog/demo/prng.js';

const PREFIXES = [
  'Introduction to',
  'Foundations of',
  'Applied',
  'Advanced',
  'Practical',
  'Essentials of',
  'Topics in',
  'A First Course in',
  'Modern',
  'Principles of',
];
const TOPICS = [
  'Astronomy',
  'Statistics',
  'Linear Algebra',
  'Organic Chemistry',
  'Machine Learning',
  'Microeconomics',
  'Thermodynamics',
  'Cell Biology',
  'Data Visualisation',
  'Music Theory',
  'Ancient History',
  'Ethics',
  'Quantum Mechanics',
  'Number Theory',
  'Genetics',
  'Climate Science',
  'Databases',
  'Operating Systems',
  'Cryptography',
  'Philosophy of Mind',
  'Marine Biology',
  'Geology',
  'Public Health',
  'Epidemiology',
  'Photography',
  'Creative Writing',
  'Spanish',
  'Japanese',
  'Calculus',
  'Probability',
  'Signal Processing',
  'Robotics',
  'Neuroscience',
  'Astrophysics',
  'Econometrics',
  'Urban Planning',
  'Art History',
  'Web Development',
  'Compilers',
  'Game Theory',
];
const SUFFIXES = [
  '',
  '',
  '',
  ' for Beginners',
  ' for Engineers',
  ' in Practice',
  ' with Python',
  ' for Data Science',
  ': Theory and Practice',
  ' for Researchers',
];
const VERBS = ['understand', 'apply', 'analyse', 'model', 'explain', 'compare', 'design', 'test'];
const NOUNS = [
  'models',
  'experiments',
  'measurements',
  'evidence',
  'methods',
  'systems',
  'functions',
  'processes',
  'patterns',
  'equations',
  'variables',
  'data sets',
  'simulations',
  'case studies',
  'projects',
  'problems',
  'frameworks',
  'concepts',
  'techniques',
  'graphs',
  'estimates',
  'hypotheses',
  'observations',
  'arguments',
  'designs',
  'algorithms',
  'networks',
  'sources',
  'maps',
  'structures',
];
const ADJECTIVES = [
  'clear',
  'rigorous',
  'hands-on',
  'visual',
  'practical',
  'step-by-step',
  'real-world',
  'open',
  'classic',
  'recent',
];
const TAGS = [
  'beginner-friendly',
  'projects',
  'theory',
  'lab',
  'python',
  'mathematics',
  'writing',
  'science',
  'humanities',
  'data',
  'programming',
  'exam-prep',
];
export const LEVELS = ['beginner', 'intermediate', 'advanced', 'all'] as const;
const VIDEO = 'https://commondatastorage.googleapis.com/gtv-videos-bucket/sample/BigBuckBunny.mp4';

export interface GeneratedLesson {
  title: string;
  kind: 'video' | 'text';
  durationSeconds: number;
  videoUrl: string | null;
  body: string | null;
}

export interface GeneratedCourse {
  slug: string;
  title: string;
  summary: string;
  description: string;
  level: (typeof LEVELS)[number];
  language: string;
  tags: string[];
  /** Index into the topics, which double as categories. */
  topic: number;
  lessons: GeneratedLesson[];
}

export const CATEGORY_NAMES = TOPICS;

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The `index`-th course of the corpus of `seed`; the same every run. */
export function createCorpus(seed = 7) {
  const prng = createPrng(seed);
  return (index: number): GeneratedCourse => generate(prng, index);
}

function generate(prng: Prng, index: number): GeneratedCourse {
  const topic = prng.int(0, TOPICS.length - 1);
  const subject = TOPICS[topic]!;
  const title = `${prng.pick(PREFIXES)} ${subject}${prng.pick(SUFFIXES)}`;
  const nouns = prng.shuffle(NOUNS).slice(0, 6);
  const summary = `A ${prng.pick(ADJECTIVES)} course in ${subject.toLowerCase()}: ${nouns[0]}, ${nouns[1]} and ${nouns[2]}, with ${prng.int(3, 12)} ${prng.pick(ADJECTIVES)} exercises.`;
  const bullets = Array.from(
    { length: 4 },
    (_, i) =>
      `- ${prng.pick(VERBS)} ${nouns[i]} and ${prng.pick(NOUNS)} in ${subject.toLowerCase()}`,
  );
  const description = [
    `This course covers ${subject.toLowerCase()} through ${prng.pick(ADJECTIVES)} ${nouns[4]} and ${prng.pick(ADJECTIVES)} ${nouns[5]}. ${paragraph(prng)}`,
    '## What you will learn',
    bullets.join('\n'),
    '## Prerequisites',
    paragraph(prng),
  ].join('\n\n');
  return {
    slug: `${slugify(title)}-${index + 1}`,
    title,
    summary,
    description,
    level: prng.pick(LEVELS),
    language: prng.chance(0.85) ? 'en' : prng.pick(['es', 'fr', 'de', 'pt-BR']),
    tags: [slugify(subject), ...prng.shuffle(TAGS).slice(0, prng.int(1, 3))],
    topic,
    lessons: Array.from({ length: prng.int(2, 4) }, (_, i) =>
      i % 2 === 0
        ? {
            title: `${prng.pick(VERBS)} ${prng.pick(NOUNS)}`.replace(/^./, (c) => c.toUpperCase()),
            kind: 'video' as const,
            durationSeconds: prng.int(180, 1200),
            videoUrl: VIDEO,
            body: null,
          }
        : {
            title: `Reading: ${prng.pick(NOUNS)} and ${prng.pick(NOUNS)}`,
            kind: 'text' as const,
            durationSeconds: prng.int(2, 10) * 60,
            videoUrl: null,
            body: `# Reading\n\n${paragraph(prng)}\n\n${paragraph(prng)}`,
          },
    ),
  };
}

function paragraph(prng: Prng): string {
  return Array.from(
    { length: prng.int(2, 4) },
    () =>
      `We ${prng.pick(VERBS)} ${prng.pick(ADJECTIVES)} ${prng.pick(NOUNS)} and ${prng.pick(VERBS)} how ${prng.pick(NOUNS)} relate to ${prng.pick(NOUNS)}.`,
  ).join(' ');
}
