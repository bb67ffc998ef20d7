import type { DemoCourseSpec } from '../content-types.js';

export const pythonForScientists: DemoCourseSpec = {
  slug: 'python-for-scientists',
  title: 'Python for Scientists',
  summary:
    'From your first notebook to NumPy arrays, pandas tables and publication-quality plots, with real scientific data throughout.',
  description: `Python is the common language of modern research computing. This course is for
scientists who want to analyse their own data without becoming software engineers first.

## What you will learn

- run Python in Jupyter notebooks and organise a small project
- the core language: numbers, strings, lists, dictionaries, loops and functions
- fast numerical work with NumPy arrays and broadcasting
- load, clean and summarise tables with pandas; plot them with Matplotlib

## Prerequisites

None. Bring a data set from your own work if you have one: the final project is built around it.`,
  category: 'computing',
  level: 'beginner',
  language: 'en',
  tags: ['python', 'programming', 'numpy', 'pandas', 'data-analysis'],
  owner: 0,
  coInstructor: 1,
  status: 'published',
  highlights: [
    'the NumPy broadcasting lesson',
    'the notebook exercises',
    'the final project',
    'the pandas examples',
  ],
  sections: [
    {
      title: 'Getting Started',
      lessons: [
        { kind: 'video', title: 'Installing Python and Jupyter', video: 'bigBuckBunny' },
        {
          kind: 'text',
          title: 'Your first notebook',
          body: `# Your first notebook

A Jupyter notebook mixes code, results and notes. Start one with \`jupyter lab\`, then type in
the first cell:

\`\`\`python
g = 9.81                  # m/s²
t = 2.5                   # s
print(0.5 * g * t**2)     # distance fallen: 30.65625 m
\`\`\`

Run a cell with **Shift + Enter**. Cells share variables, so run them top to bottom; *Restart
and run all* before you trust a result.`,
        },
      ],
    },
    {
      title: 'Core Python',
      lessons: [
        {
          kind: 'text',
          title: 'Numbers, strings and lists',
          body: `# Numbers, strings and lists

\`\`\`python
n = 3                 # int
x = 2.0e-3            # float
name = "HD 209458"    # str
temps = [14.2, 15.1, 13.8]
temps.append(16.0)
print(len(temps), temps[0], temps[-1])   # 4 14.2 16.0
\`\`\`

Indexing starts at **0**; negative indices count from the end. Lists are *mutable*; strings and
tuples are not.`,
        },
        {
          kind: 'text',
          title: 'Loops and functions',
          body: `# Loops and functions

\`\`\`python
def celsius_to_kelvin(c: float) -> float:
    """Converts a temperature from °C to K."""
    return c + 273.15

for c in [0, 25, 100]:
    print(c, celsius_to_kelvin(c))
\`\`\`

Write a function as soon as you copy a block of code a second time. Give it a docstring: your
future self is your most frequent reader.`,
        },
        {
          kind: 'quiz',
          title: 'Quiz: core Python',
          quiz: {
            title: 'Core Python',
            passPercent: 60,
            questions: [
              {
                prompt: 'What does `len([1, 2, 3])` return?',
                kind: 'single',
                explanation: 'len counts the items of the list: 3.',
                options: [{ text: '2' }, { text: '3', correct: true }, { text: '6' }],
              },
              {
                prompt: 'Which of these types are mutable?',
                kind: 'multiple',
                points: 2,
                explanation:
                  'Lists, dictionaries and sets can change in place; tuples and strings cannot.',
                options: [
                  { text: 'list', correct: true },
                  { text: 'dict', correct: true },
                  { text: 'tuple' },
                  { text: 'str' },
                  { text: 'set', correct: true },
                ],
              },
              {
                prompt: 'What is `temps[-1]` for `temps = [14.2, 15.1, 13.8]`?',
                kind: 'single',
                explanation: 'Negative indices count from the end: -1 is the last item.',
                options: [
                  { text: '14.2' },
                  { text: '13.8', correct: true },
                  { text: 'An IndexError' },
                ],
              },
              {
                prompt: 'What is the shape of `np.arange(6).reshape(2, 3)`?',
                kind: 'single',
                explanation: 'Six values laid out in 2 rows of 3.',
                options: [{ text: '(2, 3)', correct: true }, { text: '(3, 2)' }, { text: '(6,)' }],
              },
            ],
          },
        },
      ],
    },
    {
      title: 'NumPy',
      lessons: [
        { kind: 'video', title: 'Arrays and vectorisation', video: 'tearsOfSteel' },
        {
          kind: 'text',
          title: 'Broadcasting rules',
          body: `# Broadcasting rules

NumPy combines arrays of different shapes by **broadcasting**: shapes are compared from the
right, and two dimensions are compatible when they are equal or one of them is 1.

\`\`\`python
x = np.linspace(0, 1, 5)          # shape (5,)
k = np.array([[1], [2], [3]])     # shape (3, 1)
y = np.sin(k * np.pi * x)         # shape (3, 5): three sine modes
\`\`\`

A loop over a million elements in Python takes about a second; the same NumPy expression takes
milliseconds.`,
        },
      ],
    },
    {
      title: 'Data and Plots',
      lessons: [
        {
          kind: 'text',
          title: 'Reading data with pandas',
          body: `# Reading data with pandas

\`\`\`python
import pandas as pd
df = pd.read_csv("station.csv", parse_dates=["date"])
df = df.dropna(subset=["tmax"])
monthly = df.set_index("date")["tmax"].resample("MS").mean()
\`\`\`

Look before you compute: \`df.head()\`, \`df.describe()\` and \`df.isna().sum()\` catch most
surprises in a new data set.`,
        },
        { kind: 'video', title: 'Plotting with Matplotlib', video: 'sintel' },
        {
          kind: 'text',
          title: 'Project: analyse a temperature record',
          body: `# Project: analyse a temperature record

Download the daily record of a weather station near you (most national meteorological services
publish one) and, in one notebook:

1. load and clean it with pandas;
2. plot monthly means with a 12-month rolling average;
3. fit a linear trend with \`np.polyfit\` and report it in °C per decade;
4. write three sentences on what the plot does and does not show.

Share the notebook with a colleague and ask them to run it from top to bottom.`,
        },
      ],
    },
  ],
};
