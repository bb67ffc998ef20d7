import { buildQuizAttempt } from './build-quiz-attempt.js';
import type { ActivityTableName, DemoCatalogRows } from './demo-tables.js';
import {
  DAY,
  HOUR,
  type IdSource,
  MINUTE,
  type PlannedCourse,
  type PlannedLesson,
} from './plan-types.js';
import type { Prng } from './prng.js';
import { reviewText } from './review-texts.js';

type ActivityRows = Pick<DemoCatalogRows, ActivityTableName>;

export interface ActivityInput {
  courses: PlannedCourse[];
  /** The demo learners' user ids, in the demo's fixed order. */
  learnerIds: string[];
  now: Date;
  prng: Prng;
  newId: IdSource;
}

type Status = 'active' | 'completed' | 'dropped';

interface PlannedEnrolment {
  course: PlannedCourse;
  userId: string;
  status: Status;
}

/** How many learners enrol in nothing (to show an empty dashboard) and how many enrolments are dropped. */
const IDLE_LEARNERS = 2;
const DROPPED_ENROLMENTS = 2;

/**
 * What the learners did: most enrolled in two to four published courses; some finished, two
 * gave up, the rest are part-way through. Progress, quiz attempts and reviews follow each
 * enrolment's status, and every date lies between the course's publication and `now`.
 */
export function buildActivityRows(input: ActivityInput): ActivityRows {
  const { prng } = input;
  const rows: ActivityRows = {
    enrolments: [],
    lessonProgress: [],
    quizAttempts: [],
    quizAttemptAnswers: [],
    courseReviews: [],
  };
  const published = input.courses.filter((c) => c.status === 'published' && c.lessons.length > 0);
  if (published.length === 0) return rows;

  const planned: PlannedEnrolment[] = [];
  const learners = prng.shuffle(input.learnerIds).slice(IDLE_LEARNERS);
  for (const userId of learners) {
    const count = Math.min(published.length, prng.int(2, 4));
    for (const course of prng.shuffle(published).slice(0, count))
      planned.push({ course, userId, status: prng.chance(0.3) ? 'completed' : 'active' });
  }
  const active = planned.filter((e) => e.status === 'active');
  for (const enrolment of prng.shuffle(active).slice(0, DROPPED_ENROLMENTS))
    enrolment.status = 'dropped';

  const outcomes = planned.map((enrolment) => addEnrolment(rows, enrolment, input));
  addReviews(rows, outcomes, published, input);
  return rows;
}

interface Outcome extends PlannedEnrolment {
  /** Share of the course's lessons completed. */
  progress: number;
  /** When the learner would have written a review. */
  reviewAt: number;
}

/** Every published course shows at least this many reviews. */
const MIN_REVIEWS = 2;

/**
 * Most who finish review, some half-way learners do, one who gave up may complain; then courses
 * with too few reviews get some from their most advanced learners who have not written one.
 */
function addReviews(
  rows: ActivityRows,
  outcomes: Outcome[],
  published: PlannedCourse[],
  { prng, newId }: ActivityInput,
) {
  const reviewed = new Set<Outcome>();
  const add = (outcome: Outcome, rating: number) => {
    reviewed.add(outcome);
    rows.courseReviews.push({
      id: newId(),
      courseId: outcome.course.id,
      userId: outcome.userId,
      rating,
      body: reviewText(rating, outcome.course.highlights, prng),
      createdAt: new Date(outcome.reviewAt),
      updatedAt: new Date(outcome.reviewAt),
    });
  };
  for (const outcome of outcomes) {
    const rating = reviewRating(outcome, prng);
    if (rating !== null) add(outcome, rating);
  }
  for (const course of published) {
    const ofCourse = outcomes.filter((o) => o.course === course);
    const missing = MIN_REVIEWS - ofCourse.filter((o) => reviewed.has(o)).length;
    const candidates = ofCourse
      .filter((o) => !reviewed.has(o) && o.progress > 0)
      .sort((a, b) => b.progress - a.progress);
    for (const outcome of candidates.slice(0, Math.max(0, missing)))
      add(outcome, prng.pick([5, 4, 4, 3]));
  }
}

function addEnrolment(
  rows: ActivityRows,
  enrolment: PlannedEnrolment,
  input: ActivityInput,
): Outcome {
  const { prng, newId } = input;
  const { course, userId, status } = enrolment;
  const now = input.now.getTime();
  const lessons = course.lessons;
  const published = course.publishedAt!.getTime();
  const enrolledAt = published + (now - 4 * DAY - published) * (0.02 + 0.8 * prng.next());
  const available = now - HOUR - enrolledAt;

  // How far the learner got: every lesson, none to all but one, or a few before dropping out.
  let done: number;
  let end: number;
  if (status === 'completed') {
    done = lessons.length;
    end = enrolledAt + available * (0.5 + 0.45 * prng.next());
  } else if (status === 'dropped') {
    done = Math.min(lessons.length - 1, prng.int(1, 3));
    end = enrolledAt + available * (0.2 + 0.3 * prng.next());
  } else {
    done = prng.int(0, lessons.length - 1);
    end = Math.max(enrolledAt + 2 * HOUR, now - prng.int(1, 96) * HOUR);
  }
  const partial = status === 'active' && prng.chance(0.7) ? lessons[done] : undefined;
  const times = spread(enrolledAt + 30 * MINUTE, end, done + (partial ? 1 : 0), prng);

  for (let i = 0; i < done; i++)
    addCompletedLesson(rows, course, lessons[i]!, userId, times[i]!, input);
  if (partial) addPartialLesson(rows, course, partial, userId, times[done]!, input);

  const lastActivity = times.at(-1) ?? enrolledAt;
  const droppedAt =
    status === 'dropped' ? Math.min(now - HOUR, lastActivity + prng.int(24, 72) * HOUR) : null;
  const completedAt = status === 'completed' ? lastActivity : null;
  rows.enrolments.push({
    id: newId(),
    courseId: course.id,
    userId,
    status,
    enrolledAt: new Date(enrolledAt),
    completedAt: completedAt === null ? null : new Date(completedAt),
    droppedAt: droppedAt === null ? null : new Date(droppedAt),
    createdAt: new Date(enrolledAt),
    updatedAt: new Date(droppedAt ?? lastActivity),
  });

  const reviewAt = Math.min(
    now - 10 * MINUTE,
    (droppedAt ?? lastActivity) + prng.int(10, 600) * MINUTE,
  );
  return { ...enrolment, progress: done / lessons.length, reviewAt };
}

function addCompletedLesson(
  rows: ActivityRows,
  course: PlannedCourse,
  lesson: PlannedLesson,
  userId: string,
  completedAt: number,
  { prng, newId }: ActivityInput,
) {
  if (lesson.quiz) {
    // Some needed a second try; the lesson counts as done when the quiz is passed.
    if (prng.chance(0.3)) {
      const failed = new Date(completedAt - prng.int(20, 90) * MINUTE);
      addAttempt(rows, buildQuizAttempt(lesson.quiz, userId, failed, false, prng, newId));
    }
    addAttempt(
      rows,
      buildQuizAttempt(lesson.quiz, userId, new Date(completedAt), true, prng, newId),
    );
  }
  const started = completedAt - Math.max(5 * MINUTE, (lesson.durationSeconds ?? 300) * 1000);
  rows.lessonProgress.push({
    userId,
    lessonId: lesson.id,
    courseId: course.id,
    positionSeconds: lesson.kind === 'video' ? (lesson.durationSeconds ?? 0) : 0,
    percent: 100,
    completedAt: new Date(completedAt),
    createdAt: new Date(started),
    updatedAt: new Date(completedAt),
  });
}

/** The lesson the learner is in the middle of: part of a video or text, or a failed quiz. */
function addPartialLesson(
  rows: ActivityRows,
  course: PlannedCourse,
  lesson: PlannedLesson,
  userId: string,
  at: number,
  { prng, newId }: ActivityInput,
) {
  if (lesson.quiz) {
    addAttempt(rows, buildQuizAttempt(lesson.quiz, userId, new Date(at), false, prng, newId));
    return;
  }
  const percent = prng.int(10, 90);
  rows.lessonProgress.push({
    userId,
    lessonId: lesson.id,
    courseId: course.id,
    positionSeconds:
      lesson.kind === 'video' ? Math.round(((lesson.durationSeconds ?? 0) * percent) / 100) : 0,
    percent,
    completedAt: null,
    createdAt: new Date(at - 10 * MINUTE),
    updatedAt: new Date(at),
  });
}

function addAttempt(rows: ActivityRows, { attempt, answers }: ReturnType<typeof buildQuizAttempt>) {
  rows.quizAttempts.push(attempt);
  rows.quizAttemptAnswers.push(...answers);
}

function reviewRating({ status, progress }: Outcome, prng: Prng): number | null {
  if (status === 'completed') return prng.chance(0.8) ? prng.pick([5, 5, 5, 4, 4, 4, 3]) : null;
  if (status === 'dropped') return prng.chance(0.5) ? prng.pick([2, 2, 1]) : null;
  if (progress >= 0.5 && prng.chance(0.4)) return prng.pick([5, 4, 4, 4, 3, 3, 2]);
  return null;
}

/** `count` increasing times in (start, end], the last one exactly at `end`, unevenly spaced. */
function spread(start: number, end: number, count: number, prng: Prng): number[] {
  const weights = Array.from({ length: count }, () => 0.5 + prng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w, i) => {
    sum += w;
    return i === count - 1 ? end : Math.round(start + ((end - start) * sum) / total);
  });
}
