import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Strings = Type.Array(Type.String());

export const ScheduleParams = Type.Object({ id: Uuid });
export const MeetingParams = Type.Object({ id: Uuid, mid: Uuid });

export const ScheduleSummarySchema = Type.Object(
  {
    id: Uuid,
    termId: Uuid,
    name: Type.String(),
    origin: Type.String(),
    solveId: Nullable(Uuid),
    hard: Type.Integer(),
    soft: Type.Integer(),
    published: Type.Boolean(),
    publishedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'ScheduleVersion' },
);

const Place = {
  slot: Nullable(Type.Integer()),
  label: Nullable(Type.String()),
  roomId: Nullable(Uuid),
  room: Nullable(Type.String()),
};
const PlaceSchema = Type.Object(Place);
const MeetingRef = {
  id: Nullable(Uuid),
  courseId: Uuid,
  course: Type.String(),
  meeting: Type.Integer({ description: '0-based meeting of the course' }),
};
const Totals = Type.Object({ hard: Type.Number(), soft: Type.Number() });
const Effect = Type.Object({
  constraint: Type.String(),
  kind: Type.Union([Type.Literal('hard'), Type.Literal('soft')]),
  delta: Type.Number({ description: 'weighted change of the constraint' }),
});

export const ConflictItemSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  severity: Type.Literal('error'),
  cost: Type.Number(),
  courses: Strings,
  rooms: Strings,
  instructors: Strings,
  curricula: Strings,
  slots: Strings,
  message: Type.String(),
});

export const EditResultSchema = Type.Object(
  {
    scheduleId: Uuid,
    origin: Type.String(),
    before: Totals,
    hard: Type.Number(),
    soft: Type.Number(),
    delta: Totals,
    breakdown: Type.Array(
      Type.Object({
        constraint: Type.String(),
        kind: Type.Union([Type.Literal('hard'), Type.Literal('soft')]),
        count: Type.Number(),
        cost: Type.Number(),
      }),
    ),
    moved: Type.Array(Type.Object({ ...MeetingRef, from: PlaceSchema, to: PlaceSchema })),
    conflicts: Type.Array(ConflictItemSchema),
  },
  { title: 'ScheduleEdit' },
);

export const MoveMeetingBody = Type.Object(
  {
    slot: Type.Optional(Type.Integer({ description: 'linear slot index in the term grid' })),
    room: Type.Optional(Type.String({ description: 'a room of the term: its id or its code' })),
  },
  { additionalProperties: false, examples: [{ slot: 3, room: 'R1' }] },
);

export const ResolveConflictBody = Type.Object(
  {
    resolution: Type.Union([
      Type.Literal('move'),
      Type.Literal('swap'),
      Type.Literal('change_room'),
    ]),
    meetingId: Type.Optional(Uuid),
    withMeetingId: Type.Optional(Uuid),
    slot: Type.Optional(Type.Integer()),
    room: Type.Optional(Type.String()),
  },
  { additionalProperties: false, examples: [{ resolution: 'move' }] },
);

export const ResolveConflictResultSchema = Type.Object(
  {
    ...EditResultSchema.properties,
    conflictId: Type.String(),
    conflict: Type.String(),
    resolution: Type.String(),
    resolved: Type.Boolean({ description: 'the conflict is gone from the schedule' }),
  },
  { title: 'ConflictResolution' },
);

export const DuplicateBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false, examples: [{ name: 'Draft for Monday' }] },
);

export const SuggestionsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
  { additionalProperties: false },
);

export const SuggestionsSchema = Type.Object(
  {
    meeting: Type.Object({ ...MeetingRef, ...Place }),
    current: Totals,
    suggestions: Type.Array(
      Type.Object({
        rank: Type.Integer(),
        ...Place,
        deltaHard: Type.Number(),
        deltaSoft: Type.Number(),
        predicted: Totals,
        breaks: Type.Array(Effect),
        mends: Type.Array(Effect),
        sentence: Type.String(),
      }),
    ),
  },
  { title: 'MeetingSuggestions' },
);

export const CompareQuery = Type.Object({ a: Uuid, b: Uuid }, { additionalProperties: false });

const Side = Type.Object({
  id: Uuid,
  name: Type.String(),
  origin: Type.String(),
  hard: Type.Integer(),
  soft: Type.Integer(),
});
const CountCost = Type.Object({ count: Type.Integer(), cost: Type.Integer() });
const ShortPlace = Type.Object({
  slot: Nullable(Type.Integer()),
  roomId: Nullable(Uuid),
  room: Nullable(Type.String()),
});

export const ComparisonSchema = Type.Object(
  {
    a: Side,
    b: Side,
    delta: Type.Object({ hard: Type.Integer(), soft: Type.Integer() }),
    constraints: Type.Array(
      Type.Object({
        constraint: Type.String(),
        kind: Type.Union([Type.Literal('hard'), Type.Literal('soft')]),
        a: CountCost,
        b: CountCost,
        delta: Type.Integer(),
      }),
    ),
    moved: Type.Integer({ description: 'meetings in another slot or room' }),
    meetings: Type.Array(
      Type.Object({
        courseId: Uuid,
        course: Nullable(Type.String()),
        meeting: Type.Integer(),
        a: ShortPlace,
        b: ShortPlace,
        change: Type.Union([
          Type.Literal('slot'),
          Type.Literal('room'),
          Type.Literal('slot_and_room'),
        ]),
      }),
    ),
  },
  { title: 'ScheduleComparison' },
);

export const WhyParams = Type.Object({ id: Uuid, courseId: Uuid });

export const WhyUnplacedSchema = Type.Object(
  {
    courseId: Uuid,
    course: Type.String(),
    unplaced: Type.Integer(),
    summary: Type.String(),
    slots: Type.Array(
      Type.Object({
        slot: Type.Integer(),
        label: Type.String(),
        open: Type.Boolean(),
        rooms: Strings,
        constraints: Strings,
        courses: Strings,
        reasons: Strings,
        sentence: Type.String(),
      }),
    ),
  },
  { title: 'WhyUnplaced' },
);

export const ReSolveBody = Type.Object(
  {
    timeLimitSeconds: Type.Optional(Type.Number({ minimum: 0.1, maximum: 10, default: 2 })),
    maxIterations: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
    perturbationWeight: Type.Optional(
      Type.Number({ minimum: 0, maximum: 100_000, description: 'cost of one moved meeting' }),
    ),
  },
  { additionalProperties: false, examples: [{ timeLimitSeconds: 2, perturbationWeight: 10 }] },
);

export const ReSolveResultSchema = Type.Object(
  {
    scheduleId: Uuid,
    fromScheduleId: Uuid,
    before: Totals,
    after: Totals,
    moved: Type.Integer({ description: 'meetings placed before that now sit elsewhere' }),
    displaced: Type.Integer({
      description: 'of them, those whose place the term no longer allows',
    }),
    added: Type.Integer({ description: 'meetings the schedule did not have (courses added)' }),
    iterations: Type.Integer(),
    elapsedMs: Type.Number(),
    diff: ComparisonSchema,
  },
  { title: 'ScheduleReSolve' },
);
