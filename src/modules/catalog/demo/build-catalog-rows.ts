import type { DemoCategorySpec, DemoCourseSpec, DemoLessonSpec } from './content-types.js';
import type { ActivityTableName, DemoCatalogRows } from './demo-tables.js';
import {
  DAY,
  HOUR,
  type IdSource,
  type PlannedCourse,
  type PlannedLesson,
  type PlannedQuiz,
} from './plan-types.js';
import { DEMO_VIDEOS } from './videos.js';

type CatalogRows = Omit<DemoCatalogRows, ActivityTableName>;

export interface CatalogInput {
  categories: DemoCategorySpec[];
  courses: DemoCourseSpec[];
  /** User ids of the demo instructors, in the order the specs index them. */
  instructorIds: string[];
  now: Date;
  newId: IdSource;
}

/**
 * The catalog's rows (categories, courses and their curriculum), with publication dates a few
 * weeks before `now`: the published courses came out four days apart, the draft is recent.
 */
export function buildCatalogRows(input: CatalogInput): {
  rows: CatalogRows;
  planned: PlannedCourse[];
} {
  const { now, newId } = input;
  const rows: CatalogRows = {
    categories: [],
    courses: [],
    courseTags: [],
    courseInstructors: [],
    courseSections: [],
    lessons: [],
    quizzes: [],
    quizQuestions: [],
    quizOptions: [],
  };
  const published = input.courses.filter((c) => c.status === 'published');
  const firstPublication = now.getTime() - (20 + 4 * published.length) * DAY;
  const categoriesCreated = new Date(firstPublication - 12 * DAY);

  const categoryIds = new Map<string, string>();
  input.categories.forEach((category, position) => {
    const id = newId();
    categoryIds.set(category.slug, id);
    rows.categories.push({
      id,
      ...category,
      position,
      createdAt: categoriesCreated,
      updatedAt: categoriesCreated,
    });
  });

  const planned = input.courses.map((spec) => {
    const order = published.indexOf(spec);
    const publishedAt = order >= 0 ? new Date(firstPublication + order * 4 * DAY + 9 * HOUR) : null;
    const createdAt = publishedAt
      ? new Date(publishedAt.getTime() - (10 + order) * DAY)
      : new Date(now.getTime() - 9 * DAY);
    const updatedAt = publishedAt ?? new Date(now.getTime() - 2 * DAY);
    return addCourse(rows, spec, {
      id: newId(),
      categoryId: categoryIds.get(spec.category) ?? null,
      ownerId: instructorId(input.instructorIds, spec.owner),
      coInstructorId:
        spec.coInstructor === undefined
          ? null
          : instructorId(input.instructorIds, spec.coInstructor),
      publishedAt,
      createdAt,
      updatedAt,
      newId,
    });
  });
  return { rows, planned };
}

interface CourseContext {
  id: string;
  categoryId: string | null;
  ownerId: string;
  coInstructorId: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  newId: IdSource;
}

function addCourse(rows: CatalogRows, spec: DemoCourseSpec, ctx: CourseContext): PlannedCourse {
  const { id: courseId, ownerId, createdAt, updatedAt } = ctx;
  const authored = { createdBy: ownerId, updatedBy: ownerId };
  rows.courses.push({
    id: courseId,
    slug: spec.slug,
    title: spec.title,
    summary: spec.summary,
    description: spec.description,
    categoryId: ctx.categoryId,
    level: spec.level,
    language: spec.language,
    status: spec.status,
    publishedAt: ctx.publishedAt,
    createdAt,
    updatedAt,
    ...authored,
  });
  for (const tag of spec.tags) rows.courseTags.push({ courseId, tag });
  rows.courseInstructors.push({ courseId, userId: ownerId, role: 'owner', createdAt });
  if (ctx.coInstructorId)
    rows.courseInstructors.push({
      courseId,
      userId: ctx.coInstructorId,
      role: 'co_instructor',
      createdAt: new Date(createdAt.getTime() + 2 * DAY),
    });

  const plannedLessons: PlannedLesson[] = [];
  // Authoring took a while: each lesson an hour after the previous, all before publication.
  let authoredAt = createdAt.getTime();
  const nextTime = () => {
    authoredAt += HOUR;
    return new Date(authoredAt);
  };
  spec.sections.forEach((section, sectionPosition) => {
    const sectionId = ctx.newId();
    const at = nextTime();
    rows.courseSections.push({
      id: sectionId,
      courseId,
      title: section.title,
      position: sectionPosition,
      createdAt: at,
      updatedAt: at,
    });
    section.lessons.forEach((lesson, position) => {
      const lessonId = ctx.newId();
      const at = nextTime();
      const content = lessonContent(lesson);
      rows.lessons.push({
        id: lessonId,
        courseId,
        sectionId,
        title: lesson.title,
        kind: lesson.kind,
        position,
        ...content,
        // The first lesson is the course's trailer.
        freePreview: sectionPosition === 0 && position === 0,
        createdAt: at,
        updatedAt: at,
        ...authored,
      });
      const quiz =
        lesson.kind === 'quiz' ? addQuiz(rows, lesson, courseId, lessonId, at, ctx) : null;
      plannedLessons.push({
        id: lessonId,
        kind: lesson.kind,
        durationSeconds: content.durationSeconds,
        quiz,
      });
    });
  });
  return {
    id: courseId,
    status: spec.status,
    publishedAt: ctx.publishedAt,
    highlights: spec.highlights,
    lessons: plannedLessons,
  };
}

function lessonContent(lesson: DemoLessonSpec): {
  durationSeconds: number | null;
  videoUrl: string | null;
  body: string | null;
} {
  switch (lesson.kind) {
    case 'video': {
      const video = lesson.video ? DEMO_VIDEOS[lesson.video] : null;
      const credit = video ? `Demo footage: ${video.credit}.` : null;
      return {
        durationSeconds: video?.durationSeconds ?? null,
        videoUrl: video?.url ?? null,
        body: [lesson.notes, credit].filter(Boolean).join('\n\n') || null,
      };
    }
    case 'text':
      return { durationSeconds: readingSeconds(lesson.body), videoUrl: null, body: lesson.body };
    case 'quiz':
      return {
        durationSeconds: lesson.quiz.questions.length * 60,
        videoUrl: null,
        body: `${lesson.quiz.questions.length} questions; ${lesson.quiz.passPercent} % to pass. You may try again.`,
      };
  }
}

/** About 200 words a minute, rounded up to whole minutes. */
function readingSeconds(markdown: string): number {
  const words = markdown.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 200)) * 60;
}

function addQuiz(
  rows: CatalogRows,
  lesson: Extract<DemoLessonSpec, { kind: 'quiz' }>,
  courseId: string,
  lessonId: string,
  at: Date,
  ctx: CourseContext,
): PlannedQuiz {
  const quizId = ctx.newId();
  rows.quizzes.push({
    id: quizId,
    courseId,
    lessonId,
    title: lesson.quiz.title,
    passPercent: lesson.quiz.passPercent,
    createdAt: at,
    updatedAt: at,
    createdBy: ctx.ownerId,
    updatedBy: ctx.ownerId,
  });
  const questions = lesson.quiz.questions.map((question, position) => {
    const questionId = ctx.newId();
    const points = question.points ?? 1;
    rows.quizQuestions.push({
      id: questionId,
      quizId,
      position,
      prompt: question.prompt,
      kind: question.kind,
      points,
      explanation: question.explanation,
    });
    const options = question.options.map((option, optionPosition) => {
      const optionId = ctx.newId();
      const correct = option.correct === true;
      rows.quizOptions.push({
        id: optionId,
        questionId,
        position: optionPosition,
        text: option.text,
        correct,
      });
      return { id: optionId, correct };
    });
    return { id: questionId, points, options };
  });
  return { id: quizId, passPercent: lesson.quiz.passPercent, questions };
}

function instructorId(ids: string[], index: number): string {
  const id = ids[index];
  if (!id) throw new Error(`demo course refers to instructor #${index}, who does not exist`);
  return id;
}
