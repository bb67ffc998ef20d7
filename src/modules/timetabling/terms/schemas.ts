import { Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';

const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['08:30'] });
const IsoDate = Type.String({ format: 'date', examples: ['2026-09-07'] });
const Period = Type.Object(
  { start: Type.Union([Clock, Type.Null()]), end: Type.Union([Clock, Type.Null()]) },
  { additionalProperties: false },
);

export const TermSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    kind: Type.Union([Type.Literal('weekly'), Type.Literal('dated')]),
    timeZone: Type.String({ examples: ['Europe/Paris'] }),
    startDate: Type.Union([IsoDate, Type.Null()]),
    endDate: Type.Union([IsoDate, Type.Null()]),
    days: Type.Integer({ description: 'weekly grids: teaching days per week' }),
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      description: 'dated terms: ISO weekdays taught (1 = Monday)',
    }),
    periods: Type.Array(Period),
    sourceFormat: Type.Union([Type.String(), Type.Null()], {
      description: 'the format the term was imported from (`ctt`, `json`)',
    }),
    counts: Type.Object({
      rooms: Type.Integer(),
      instructors: Type.Integer(),
      courses: Type.Integer(),
      curricula: Type.Integer(),
      schedules: Type.Integer(),
    }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Term' },
);

const termFields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Autumn 2026'] }),
  kind: Type.Union([Type.Literal('weekly'), Type.Literal('dated')]),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  startDate: Type.Union([IsoDate, Type.Null()]),
  endDate: Type.Union([IsoDate, Type.Null()]),
  days: Type.Integer({ minimum: 1, maximum: 7 }),
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
  periods: Type.Array(
    Type.Object(
      {
        start: Type.Optional(Type.Union([Clock, Type.Null()])),
        end: Type.Optional(Type.Union([Clock, Type.Null()])),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 48 },
  ),
};

export const CreateTermBody = Type.Object(
  {
    name: termFields.name,
    kind: Type.Optional(termFields.kind),
    timeZone: Type.Optional(termFields.timeZone),
    startDate: Type.Optional(termFields.startDate),
    endDate: Type.Optional(termFields.endDate),
    days: Type.Optional(termFields.days),
    weekdays: Type.Optional(termFields.weekdays),
    periods: Type.Optional(termFields.periods),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: 'Autumn 2026',
        kind: 'dated',
        timeZone: 'Europe/Paris',
        startDate: '2026-09-07',
        endDate: '2026-12-18',
        weekdays: [1, 2, 3, 4, 5],
        periods: [
          { start: '08:30', end: '10:00' },
          { start: '10:15', end: '11:45' },
        ],
      },
    ],
  },
);

export const UpdateTermBody = Type.Partial(CreateTermBody, { additionalProperties: false });

export const DuplicateTermBody = Type.Object(
  { name: Type.Optional(termFields.name) },
  { additionalProperties: false },
);

export const TermIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListTermsQuery = Type.Object(
  { ...LimitQuerySchema.properties },
  { additionalProperties: false },
);

export const ImportSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    format: Type.String(),
    fileName: Type.String(),
    rooms: Type.Integer(),
    instructors: Type.Integer(),
    courses: Type.Integer(),
    curricula: Type.Integer(),
    createdBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'TermImport' },
);

export const ImportForm = Type.Object({
  file: Type.String({
    format: 'binary',
    description: 'an ITC-2007 `.ctt` instance or the engine JSON problem',
  }),
});
