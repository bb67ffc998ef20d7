import { type TSchema, Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { literalUnion } from '../literal-union.js';
import { LESSON_KINDS, QUESTION_KINDS } from '../tables.js';

/** Most sections a course holds, and most lessons a section holds (the outline is one page). */
export const MAX_SECTIONS_PER_COURSE = 100;
export const MAX_LESSONS_PER_SECTION = 100;

const Id = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const IdOf = (description: string) => Type.String({ format: 'uuid', description });

const CourseRef = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
  description: 'the course id or slug',
  examples: ['intro-to-optics'],
});
const Title = Type.String({ minLength: 1, maxLength: 200, examples: ['Week 1: Light'] });
const Position = (description: string) => Type.Integer({ minimum: 0, description });
const LessonKind = literalUnion(LESSON_KINDS, { examples: ['video'] });
const QuestionKind = literalUnion(QUESTION_KINDS);
const VideoUrl = Type.String({
  format: 'uri',
  pattern: '^https?://\\S+$',
  maxLength: 2048,
  description: 'an http or https URL (video lessons only)',
  examples: ['https://videos.example.org/optics/1.mp4'],
});
const Markdown = Type.String({ maxLength: 100_000 });
const Transcript = Type.String({ maxLength: 500_000, description: 'video lessons only' });
const Duration = Type.Integer({ minimum: 0, maximum: 86_400 });

export const CourseParams = Type.Object({ id: CourseRef });
export const SectionParams = Type.Object({ id: CourseRef, sid: Id });
export const CourseLessonParams = Type.Object({ id: CourseRef, lid: Id });
export const IdParams = Type.Object({ id: Id });

// ---- sections

export const SectionSchema = Type.Object(
  {
    id: Id,
    courseId: Id,
    title: Type.String(),
    position: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Section' },
);

export const CreateSectionBody = Type.Object(
  {
    title: Title,
    position: Type.Optional(
      Position('where to insert it (0..number of sections); the end when absent'),
    ),
  },
  { additionalProperties: false },
);

export const RenameSectionBody = Type.Object({ title: Title }, { additionalProperties: false });

export const MoveBody = Type.Object(
  {
    position: Position(
      'the new 0-based position; beyond the last one is a 400 POSITION_OUT_OF_RANGE',
    ),
  },
  { additionalProperties: false },
);

// ---- lessons

const LessonSummaryProperties = {
  id: Id,
  courseId: Id,
  sectionId: Id,
  title: Type.String(),
  kind: LessonKind,
  position: Type.Integer(),
  durationSeconds: Nullable(Type.Integer()),
  freePreview: Type.Boolean(),
};

const LessonContentProperties = {
  videoUrl: Nullable(Type.String()),
  fileUrl: Nullable(Type.String({ description: '`/api/v1/files/<fileId>` for an uploaded file' })),
  body: Nullable(Type.String({ description: 'Markdown' })),
  transcript: Nullable(Type.String()),
};

/** A lesson as its instructors see it. */
export const LessonSchema = Type.Object(
  {
    ...LessonSummaryProperties,
    ...LessonContentProperties,
    fileId: Nullable(Id),
    quizId: Nullable(IdOf('the quiz a quiz lesson shows')),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Lesson' },
);

/** A lesson's content as a learner (or an instructor) studies it. */
export const LessonContentSchema = Type.Object(
  {
    ...LessonSummaryProperties,
    ...LessonContentProperties,
    quizId: Nullable(Id),
    access: Type.Union(
      [Type.Literal('manager'), Type.Literal('enrolled'), Type.Literal('preview')],
      {
        description: 'why the caller may see it',
      },
    ),
  },
  { title: 'LessonContent' },
);

/** An outline lesson: the content fields appear only for those who manage the course. */
const OutlineLessonSchema = Type.Object({
  ...LessonSummaryProperties,
  videoUrl: Type.Optional(LessonContentProperties.videoUrl),
  fileUrl: Type.Optional(LessonContentProperties.fileUrl),
  body: Type.Optional(LessonContentProperties.body),
  transcript: Type.Optional(LessonContentProperties.transcript),
});

export const OutlineSectionSchema = Type.Object(
  {
    id: Id,
    courseId: Id,
    title: Type.String(),
    position: Type.Integer(),
    lessons: Type.Array(OutlineLessonSchema),
  },
  { title: 'OutlineSection' },
);

export const CreateLessonBody = Type.Object(
  {
    title: Title,
    kind: LessonKind,
    position: Type.Optional(
      Position('where to insert it (0..number of lessons in the section); the end when absent'),
    ),
    durationSeconds: Type.Optional(Duration),
    videoUrl: Type.Optional(VideoUrl),
    body: Type.Optional(Markdown),
    transcript: Type.Optional(Transcript),
    freePreview: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

export const UpdateLessonBody = Type.Object(
  {
    title: Type.Optional(Title),
    kind: Type.Optional(LessonKind),
    durationSeconds: Type.Optional(Nullable(Duration)),
    videoUrl: Type.Optional(Nullable(VideoUrl)),
    body: Type.Optional(Nullable(Markdown)),
    transcript: Type.Optional(Nullable(Transcript)),
    freePreview: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MoveLessonBody = Type.Object(
  {
    position: Position(
      'the new 0-based position in the target section (up to its last lesson, or one past it when moving in from another section)',
    ),
    sectionId: Type.Optional(
      IdOf('another section of the same course; its own section when absent'),
    ),
  },
  { additionalProperties: false },
);

// ---- quizzes

const OptionInput = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 1000 }), correct: Type.Boolean() },
  { additionalProperties: false },
);

const QuestionInput = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 5000 }),
    kind: QuestionKind,
    points: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
    explanation: Type.Optional(
      Type.String({ maxLength: 5000, description: 'shown to instructors only' }),
    ),
    options: Type.Array(OptionInput, {
      minItems: 2,
      maxItems: 10,
      description:
        'a single-choice question has exactly one correct option, a multiple-choice one at least one',
    }),
  },
  { additionalProperties: false },
);

const QuizContentProperties = {
  title: Title,
  passPercent: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 100, default: 60, description: 'score needed to pass' }),
  ),
  questions: Type.Array(QuestionInput, { minItems: 1, maxItems: 100 }),
};

export const CreateQuizBody = Type.Object(
  {
    ...QuizContentProperties,
    lessonId: Type.Optional(IdOf('a quiz lesson of the course that presents this quiz')),
  },
  {
    additionalProperties: false,
    examples: [
      {
        title: 'Check: light',
        passPercent: 50,
        questions: [
          {
            prompt: 'What bends light in a lens?',
            kind: 'single',
            options: [
              { text: 'Refraction', correct: true },
              { text: 'Diffraction', correct: false },
            ],
          },
        ],
      },
    ],
  },
);

export const ReplaceQuizBody = Type.Object(QuizContentProperties, { additionalProperties: false });

const QuizOptionSchema = Type.Object({
  id: Id,
  position: Type.Integer(),
  text: Type.String(),
  correct: Type.Optional(Type.Boolean({ description: 'instructors only' })),
});

const QuizQuestionSchema = Type.Object({
  id: Id,
  position: Type.Integer(),
  prompt: Type.String(),
  kind: QuestionKind,
  points: Type.Integer(),
  explanation: Type.Optional(Nullable(Type.String({ description: 'instructors only' }))),
  options: Type.Array(QuizOptionSchema),
});

const QuizSummaryProperties = {
  id: Id,
  courseId: Id,
  lessonId: Nullable(Id),
  title: Type.String(),
  passPercent: Type.Integer(),
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const QuizSchema = Type.Object(
  {
    ...QuizSummaryProperties,
    totalPoints: Type.Integer(),
    questions: Type.Array(QuizQuestionSchema),
  },
  { title: 'Quiz' },
);

export const QuizSummarySchema = Type.Object(
  { ...QuizSummaryProperties, questionCount: Type.Integer() },
  { title: 'QuizSummary' },
);

export const ListQuizzesQuery = Type.Object(
  { ...LimitQuerySchema.properties },
  { additionalProperties: false },
);
