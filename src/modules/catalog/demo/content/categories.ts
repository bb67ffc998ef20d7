import type { DemoCategorySpec } from '../content-types.js';

export const DEMO_CATEGORIES: DemoCategorySpec[] = [
  {
    slug: 'natural-sciences',
    name: 'Natural Sciences',
    description: 'Physics, astronomy and the methods of the experimental sciences.',
  },
  {
    slug: 'mathematics-and-data',
    name: 'Mathematics & Data',
    description: 'The mathematics behind modelling, statistics and machine learning.',
  },
  {
    slug: 'computing',
    name: 'Computing',
    description: 'Programming and computational tools for research and everyday work.',
  },
  {
    slug: 'writing-and-communication',
    name: 'Writing & Communication',
    description: 'Writing, presenting and arguing clearly, in academia and beyond.',
  },
  {
    slug: 'languages',
    name: 'Languages',
    description: 'Modern languages, from the first greetings to fluent conversation.',
  },
];
