import type { Prng } from './prng.js';

/** `{h}` is one of the course's highlights, `{H}` the same capitalised. */
const TEMPLATES: Record<number, string[]> = {
  5: [
    'One of the best courses I have taken. {H} made everything click.',
    'Clear, well paced and genuinely enjoyable. I particularly liked {h}.',
    'Excellent from start to finish; {h} deserves a special mention.',
    'I started with almost no background and finished confident. Thank you for {h}!',
  ],
  4: [
    'Very good course. {H} stood out, though a few lessons felt rushed.',
    'Solid and well organised. I liked {h}; I would have liked more exercises.',
    'Good explanations overall, and {h} was great. Some videos could be shorter.',
  ],
  3: [
    'Useful but uneven: {h} was good, other parts went too fast for me.',
    'A decent introduction. I expected more depth beyond {h}.',
  ],
  2: [
    'Not quite what I was looking for. {H} was fine, but the pace did not suit me.',
    'Too fast for a beginner like me; I got lost after the first section.',
  ],
  1: ['I could not keep up and gave up. More worked examples would help.'],
};

export function reviewText(rating: number, highlights: string[], prng: Prng): string {
  const highlight = highlights.length > 0 ? prng.pick(highlights) : 'the lessons';
  const capitalised = highlight.charAt(0).toUpperCase() + highlight.slice(1);
  return prng
    .pick(TEMPLATES[rating] ?? TEMPLATES[3]!)
    .replace('{h}', highlight)
    .replace('{H}', capitalised);
}
