import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogDemo } from '#modules/catalog/demo/index.js';
import { DEMO_INSTRUCTORS, DEMO_LEARNERS } from '#platform/seed/demo-people.js';
import { seedDemo } from '#platform/seed/index.js';
import { countRows } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const TABLES = [
  'categories',
  'courses',
  'course_tags',
  'course_instructors',
  'course_sections',
  'lessons',
  'quizzes',
  'quiz_questions',
  'quiz_options',
  'enrolments',
  'lesson_progress',
  'quiz_attempts',
  'quiz_attempt_answers',
  'course_reviews',
];

describe(seedCatalogDemo.name, () => {
  let t: TestApp;
  const lines: Array<{ object: object; message: string }> = [];
  const log = { info: (object: object, message: string) => void lines.push({ object, message }) };
  const silent = { info() {} };
  const now = new Date();
  let summary: Awaited<ReturnType<typeof seedCatalogDemo>>;

  beforeAll(async () => {
    t = await buildTestApp({ SEED_DEMO: 'false' });
    await seedDemo(t.database.db, silent);
    summary = await seedCatalogDemo(t.database.db, log, now);
  });
  afterAll(async () => t?.close());

  const rows = <R>(sql: string, params: unknown[] = []) => t.database.query<R>(sql, params);

  describe('first run', () => {
    it('should seed categories, six published courses and a draft, and log one line', async () => {
      expect(summary).not.toBeNull();
      const categories = await countRows(t, 'categories');
      expect(categories).toBeGreaterThanOrEqual(4);
      expect(categories).toBeLessThanOrEqual(6);
      const byStatus = await rows<{ status: string; n: number }>(
        'select status, count(*)::int as n from courses group by status order by status',
      );
      expect(byStatus).toEqual([
        { status: 'draft', n: 1 },
        { status: 'published', n: 6 },
      ]);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.message).toMatch(/^Demo catalog seeded: 7 courses/);
      expect(lines[0]!.object).toMatchObject({ courses: 7, enrolments: summary!.enrolments });
    });

    it('should give every course a category, tags, a level, a language and a markdown description', async () => {
      const courses = await rows<{
        category_id: string | null;
        level: string;
        language: string;
        description: string;
        tags: number;
      }>(
        `select c.category_id, c.level, c.language, c.description,
           (select count(*)::int from course_tags t where t.course_id = c.id) as tags
         from courses c`,
      );
      for (const course of courses) {
        expect(course.category_id).not.toBeNull();
        expect(course.tags).toBeGreaterThanOrEqual(3);
        expect(course.description).toMatch(/^## /m);
      }
      expect(new Set(courses.map((c) => c.level)).size).toBeGreaterThanOrEqual(3);
      expect(new Set(courses.map((c) => c.language)).size).toBeGreaterThanOrEqual(2);
    });

    it('should make every published course publishable', async () => {
      const courses = await rows<{
        id: string;
        title: string;
        summary: string | null;
        lessons: number;
        sections: number;
      }>(
        `select c.id, c.title, c.summary,
           (select count(*)::int from lessons l where l.course_id = c.id) as lessons,
           (select count(*)::int from course_sections s where s.course_id = c.id) as sections
         from courses c where c.status = 'published'`,
      );
      for (const course of courses) {
        expect(course.title.trim()).not.toBe('');
        expect(course.summary?.trim()).toBeTruthy();
        expect(course.sections).toBeGreaterThanOrEqual(3);
        expect(course.sections).toBeLessThanOrEqual(5);
        expect(course.lessons).toBeGreaterThanOrEqual(course.sections * 2);
      }
      const videosWithoutSource = await rows(
        `select l.id from lessons l join courses c on c.id = l.course_id
         where c.status = 'published' and l.kind = 'video' and l.video_url is null and l.file_id is null`,
      );
      expect(videosWithoutSource).toEqual([]);
      const kinds = await rows<{ kind: string }>('select distinct kind from lessons order by kind');
      expect(kinds.map((k) => k.kind)).toEqual(['quiz', 'text', 'video']);
      const sectionSizes = await rows<{ n: number }>(
        'select count(*)::int as n from lessons group by section_id',
      );
      for (const { n } of sectionSizes) expect(n).toBeGreaterThanOrEqual(2);
      for (const { n } of sectionSizes) expect(n).toBeLessThanOrEqual(5);
    });

    it('should keep every position dense from 0', async () => {
      const groups = await rows<{ positions: number[] }>(
        `select array_agg(position order by position) as positions from course_sections group by course_id
         union all select array_agg(position order by position) from lessons group by section_id
         union all select array_agg(position order by position) from quiz_questions group by quiz_id
         union all select array_agg(position order by position) from quiz_options group by question_id
         union all select array_agg(position order by position) from categories`,
      );
      expect(groups.length).toBeGreaterThan(50);
      for (const { positions } of groups)
        expect(positions).toEqual(positions.map((_, index) => index));
    });

    it('should give every course one demo instructor as owner and one course a co-instructor', async () => {
      const instructors = await rows<{ course_id: string; role: string; email: string }>(
        `select ci.course_id, ci.role, u.email from course_instructors ci join users u on u.id = ci.user_id`,
      );
      const owners = instructors.filter((i) => i.role === 'owner');
      expect(owners).toHaveLength(7);
      expect(new Set(owners.map((o) => o.course_id)).size).toBe(7);
      const instructorEmails = DEMO_INSTRUCTORS.map((p) => p.email);
      for (const owner of owners) expect(instructorEmails).toContain(owner.email);
      expect(new Set(owners.map((o) => o.email)).size).toBe(2);
      expect(instructors.filter((i) => i.role === 'co_instructor')).toHaveLength(1);
    });

    it('should build quizzes of 3 to 5 questions with correct options and explanations', async () => {
      const questions = await rows<{
        quiz_id: string;
        lesson_kind: string;
        kind: string;
        explanation: string | null;
        options: number;
        correct: number;
      }>(
        `select q.quiz_id, l.kind as lesson_kind, q.kind, q.explanation,
           (select count(*)::int from quiz_options o where o.question_id = q.id) as options,
           (select count(*)::int from quiz_options o where o.question_id = q.id and o.correct) as correct
         from quiz_questions q join quizzes z on z.id = q.quiz_id join lessons l on l.id = z.lesson_id`,
      );
      const perQuiz = new Map<string, number>();
      for (const q of questions) perQuiz.set(q.quiz_id, (perQuiz.get(q.quiz_id) ?? 0) + 1);
      expect(perQuiz.size).toBeGreaterThanOrEqual(6);
      for (const n of perQuiz.values()) expect(n).toBeGreaterThanOrEqual(3);
      for (const n of perQuiz.values()) expect(n).toBeLessThanOrEqual(5);
      for (const q of questions) {
        expect(q.lesson_kind).toBe('quiz');
        expect(q.explanation).toBeTruthy();
        expect(q.options).toBeGreaterThan(q.correct);
        if (q.kind === 'single') expect(q.correct).toBe(1);
        else expect(q.correct).toBeGreaterThanOrEqual(2);
      }
      expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(['single', 'multiple']));
    });
  });

  describe('learners', () => {
    it('should enrol most demo learners in published courses only, two enrolments dropped', async () => {
      const enrolments = await rows<{ status: string; course_status: string; email: string }>(
        `select e.status, c.status as course_status, u.email
         from enrolments e join courses c on c.id = e.course_id join users u on u.id = e.user_id`,
      );
      const learnerEmails = DEMO_LEARNERS.map((p) => p.email);
      for (const e of enrolments) {
        expect(learnerEmails).toContain(e.email);
        expect(e.course_status).toBe('published');
      }
      expect(new Set(enrolments.map((e) => e.email)).size).toBeGreaterThanOrEqual(15);
      const count = (status: string) => enrolments.filter((e) => e.status === status).length;
      expect(count('dropped')).toBe(2);
      expect(count('completed')).toBeGreaterThanOrEqual(5);
      expect(count('active')).toBeGreaterThan(count('completed'));
    });

    it('should record lesson progress consistent with each enrolment’s status', async () => {
      const enrolments = await rows<{
        status: string;
        completed_at: Date | null;
        dropped_at: Date | null;
        lessons: number;
        done: number;
        last_done: Date | null;
      }>(
        `select e.status, e.completed_at, e.dropped_at,
           (select count(*)::int from lessons l where l.course_id = e.course_id) as lessons,
           (select count(*)::int from lesson_progress p
              where p.course_id = e.course_id and p.user_id = e.user_id and p.completed_at is not null) as done,
           (select max(p.completed_at) from lesson_progress p
              where p.course_id = e.course_id and p.user_id = e.user_id) as last_done
         from enrolments e`,
      );
      for (const e of enrolments) {
        if (e.status === 'completed') {
          expect(e.done).toBe(e.lessons);
          expect(e.completed_at).toEqual(e.last_done);
          expect(e.dropped_at).toBeNull();
        } else {
          expect(e.done).toBeLessThan(e.lessons);
          expect(e.completed_at).toBeNull();
          expect(e.dropped_at === null).toBe(e.status === 'active');
        }
      }
      const stray = await rows(
        `select 1 from lesson_progress p
         left join enrolments e on e.course_id = p.course_id and e.user_id = p.user_id
         join lessons l on l.id = p.lesson_id
         where e.id is null or l.course_id <> p.course_id
           or (p.percent = 100) <> (p.completed_at is not null)
           or p.completed_at < e.enrolled_at or p.completed_at > $1`,
        [now],
      );
      expect(stray).toEqual([]);
    });

    it('should store quiz attempts whose scores follow from their answers', async () => {
      const attempts = await rows<{
        id: string;
        points: number;
        max_points: number;
        score_percent: number;
        passed: boolean;
        pass_percent: number;
      }>(
        `select a.id, a.points, a.max_points, a.score_percent, a.passed, z.pass_percent
         from quiz_attempts a join quizzes z on z.id = a.quiz_id`,
      );
      expect(attempts.length).toBeGreaterThanOrEqual(5);
      expect(attempts.some((a) => a.passed)).toBe(true);
      expect(attempts.some((a) => !a.passed)).toBe(true);
      const questions = await rows<{
        attempt_id: string;
        points: number;
        right: boolean;
      }>(
        `select a.id as attempt_id, q.points,
           coalesce((select array_agg(x.option_id order by x.option_id) from quiz_attempt_answers x
                     where x.attempt_id = a.id and x.question_id = q.id), '{}')
           = (select array_agg(o.id order by o.id) from quiz_options o where o.question_id = q.id and o.correct)
           as right
         from quiz_attempts a join quiz_questions q on q.quiz_id = a.quiz_id`,
      );
      for (const attempt of attempts) {
        const mine = questions.filter((q) => q.attempt_id === attempt.id);
        const points = mine.reduce((s, q) => s + (q.right ? q.points : 0), 0);
        const max = mine.reduce((s, q) => s + q.points, 0);
        expect(attempt.points).toBe(points);
        expect(attempt.max_points).toBe(max);
        expect(attempt.score_percent).toBeCloseTo((100 * points) / max, 1);
        expect(attempt.passed).toBe(attempt.score_percent >= attempt.pass_percent);
      }
    });

    it('should pass the quiz of every completed quiz lesson', async () => {
      const missing = await rows(
        `select 1 from lesson_progress p join quizzes z on z.lesson_id = p.lesson_id
         where p.completed_at is not null and not exists (
           select 1 from quiz_attempts a where a.quiz_id = z.id and a.user_id = p.user_id and a.passed)`,
      );
      expect(missing).toEqual([]);
    });

    it('should add reviews with text from enrolled learners, at least two per published course', async () => {
      const reviews = await rows<{
        rating: number;
        body: string;
        enrolled: boolean;
        course_id: string;
      }>(
        `select r.rating, r.body, r.course_id, exists (
           select 1 from enrolments e where e.course_id = r.course_id and e.user_id = r.user_id
             and e.enrolled_at < r.created_at) as enrolled
         from course_reviews r`,
      );
      for (const review of reviews) {
        expect(review.rating).toBeGreaterThanOrEqual(1);
        expect(review.rating).toBeLessThanOrEqual(5);
        expect(review.body.length).toBeGreaterThan(20);
        expect(review.enrolled).toBe(true);
      }
      const perCourse = new Map<string, number>();
      for (const r of reviews) perCourse.set(r.course_id, (perCourse.get(r.course_id) ?? 0) + 1);
      expect(perCourse.size).toBe(6);
      for (const n of perCourse.values()) expect(n).toBeGreaterThanOrEqual(2);
    });

    it('should date everything within the last weeks, enrolments after publication', async () => {
      const [range] = await rows<{ oldest: Date; newest: Date; early: number }>(
        `select least(min(c.created_at), min(e.enrolled_at)) as oldest,
           greatest(max(e.updated_at), max(r.created_at), max(a.submitted_at)) as newest,
           (select count(*)::int from enrolments e2 join courses c2 on c2.id = e2.course_id
              where e2.enrolled_at < c2.published_at) as early
         from courses c, enrolments e, course_reviews r, quiz_attempts a`,
      );
      expect(range!.early).toBe(0);
      expect(range!.newest.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - range!.oldest.getTime()).toBeLessThan(10 * 7 * 86_400_000);
    });
  });

  describe('second run', () => {
    it('should add nothing', async () => {
      const before = await Promise.all(TABLES.map((table) => countRows(t, table)));
      expect(await seedCatalogDemo(t.database.db, log)).toBeNull();
      expect(await Promise.all(TABLES.map((table) => countRows(t, table)))).toEqual(before);
      expect(lines).toHaveLength(1);
    });
  });
});
