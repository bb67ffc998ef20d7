import type { DemoCourseSpec } from '../content-types.js';

export const academicWriting: DemoCourseSpec = {
  slug: 'academic-writing',
  title: 'Academic Writing',
  summary:
    'Plan, structure, cite and revise research papers and essays that readers and reviewers can follow on the first reading.',
  description: `Good research deserves to be read. This course treats writing as a skill you can
practise: planning an argument, building paragraphs, using evidence honestly and revising in
deliberate passes.

## What you will learn

- turn a research question into a clear thesis statement
- structure an article (IMRaD) and paragraphs that each carry one idea
- cite sources correctly and avoid plagiarism
- revise and edit efficiently before submission

## Who it is for

Undergraduates writing their first dissertation, postgraduates and early-career researchers,
in any discipline. Examples use British spelling.`,
  category: 'writing-and-communication',
  level: 'all',
  language: 'en-GB',
  tags: ['writing', 'research', 'study-skills', 'citation'],
  owner: 1,
  status: 'published',
  highlights: [
    'the paragraph exercises',
    'the revision checklist',
    'the citation examples',
    'the feedback on thesis statements',
  ],
  sections: [
    {
      title: 'Planning Your Argument',
      lessons: [
        { kind: 'video', title: 'What reviewers look for', video: 'tearsOfSteel' },
        {
          kind: 'text',
          title: 'From research question to thesis statement',
          body: `# From research question to thesis statement

A **thesis statement** answers your research question in one or two sentences and can be
disagreed with.

- *Weak*: "This essay discusses remote learning."
- *Better*: "Remote learning widened attainment gaps in 2020–21 mainly through unequal access to
  quiet study space, not to devices."

Test yours: could a reasonable colleague argue the opposite? If not, it is a topic, not a thesis.`,
        },
      ],
    },
    {
      title: 'Structure',
      lessons: [
        {
          kind: 'text',
          title: 'The shape of a research article (IMRaD)',
          body: `# The shape of a research article

Most empirical papers follow **IMRaD**:

| part | question it answers |
| --- | --- |
| Introduction | Why does this matter and what is known? |
| Methods | What exactly did you do? |
| Results | What did you find? |
| Discussion | What does it mean, and what are its limits? |

Readers rarely read in order: most read the abstract, the figures and the discussion first.
Write so that each part stands on its own.`,
        },
        {
          kind: 'text',
          title: 'Paragraphs that carry one idea',
          body: `# Paragraphs that carry one idea

A paragraph makes **one point**. Open with a *topic sentence* that states it, support it with
evidence and analysis, and close by linking it to your thesis.

A useful pattern is **PEEL**: Point, Evidence, Explanation, Link. If you cannot summarise a
paragraph in one line, split it.`,
        },
        { kind: 'video', title: 'Signposting and flow', video: 'bigBuckBunny' },
      ],
    },
    {
      title: 'Evidence and Citation',
      lessons: [
        {
          kind: 'text',
          title: 'Citing sources: when and how',
          body: `# Citing sources: when and how

Cite whenever you use someone else's **words, ideas, data or figures**, whether you quote or
paraphrase. Common knowledge in your field does not need a citation.

Author–date (Harvard/APA) example:

> Retrieval practice improves long-term retention more than rereading (Roediger and Karpicke, 2006).

Keep references in a manager (Zotero is free) from the first day, not the last.`,
        },
        {
          kind: 'text',
          title: 'Avoiding plagiarism',
          body: `# Avoiding plagiarism

Plagiarism is presenting others' work as your own, intended or not. The usual causes are
rushed note-taking and "patchwriting" (swapping a few words in a source's sentence).

- Take notes in your own words, and mark quotations clearly.
- Paraphrase from memory, then check against the source.
- Reusing your own published text also needs a citation.`,
        },
        {
          kind: 'quiz',
          title: 'Quiz: evidence and structure',
          quiz: {
            title: 'Evidence and structure',
            passPercent: 60,
            questions: [
              {
                prompt: 'What does IMRaD stand for?',
                kind: 'single',
                explanation: 'Introduction, Methods, Results and Discussion.',
                options: [
                  { text: 'Introduction, Methods, Results and Discussion', correct: true },
                  { text: 'Ideas, Materials, Review and Debate' },
                  { text: 'Introduction, Motivation, References and Data' },
                ],
              },
              {
                prompt: 'Which of these need a citation?',
                kind: 'multiple',
                points: 2,
                explanation:
                  'Quotations, paraphrased arguments and reproduced figures all need one; common knowledge does not.',
                options: [
                  { text: 'A direct quotation', correct: true },
                  { text: 'A paraphrase of another author’s argument', correct: true },
                  { text: 'That water boils at 100 °C at sea level' },
                  { text: 'A figure reproduced from a published paper', correct: true },
                ],
              },
              {
                prompt: 'What should the topic sentence of a paragraph do?',
                kind: 'single',
                explanation: 'It states the paragraph’s single main point.',
                options: [
                  { text: 'State the paragraph’s main point', correct: true },
                  { text: 'Quote a source' },
                  { text: 'Summarise the whole paper' },
                  { text: 'Ask a rhetorical question' },
                ],
              },
              {
                prompt: 'Which of these is a thesis statement rather than a topic?',
                kind: 'single',
                explanation: 'Only the second makes a claim someone could dispute.',
                options: [
                  { text: 'This essay is about urban cycling.' },
                  {
                    text: 'Protected cycle lanes, more than helmet laws, explain the fall in cycling injuries in Dutch cities.',
                    correct: true,
                  },
                  { text: 'Cycling has a long history.' },
                ],
              },
            ],
          },
        },
      ],
    },
    {
      title: 'Revising',
      lessons: [
        { kind: 'video', title: 'Revising in passes', video: 'elephantsDream' },
        {
          kind: 'text',
          title: 'A checklist before you submit',
          body: `# A checklist before you submit

1. Does the introduction end with the thesis?
2. Does every paragraph's topic sentence support it?
3. Is every claim backed by evidence or a citation?
4. Are figures numbered, captioned and referred to in the text?
5. Read it aloud: where you stumble, the reader will too.
6. Check the reference list against the citations, both ways.`,
        },
      ],
    },
  ],
};
