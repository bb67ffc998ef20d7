import { sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '#platform/db/index.js';

/**
 * The aggregates behind a course's analytics. Each is one SQL statement whose cost grows with
 * the course's rows, never one query per learner; dates are UTC days.
 */

export interface EnrolmentTotals {
  total: number;
  active: number;
  completed: number;
  dropped: number;
  average_progress: number | null;
}

/** Counts by status, and the mean progress percent of active and completed enrolments. */
export async function enrolmentTotals(
  executor: Executor,
  courseId: string,
): Promise<EnrolmentTotals> {
  const result = await executor.execute(sql`
    with lesson_count as (
      select count(*)::int as n from lessons where course_id = ${courseId}
    ),
    done as (
      select lp.user_id, count(*)::int as n
      from lesson_progress lp join lessons l on l.id = lp.lesson_id
      where l.course_id = ${courseId} and lp.completed_at is not null
      group by lp.user_id
    ),
    per_enrolment as (
      select e.status,
        case when lc.n > 0 then least(100, floor(coalesce(d.n, 0) * 100.0 / lc.n))
             when e.status = 'completed' then 100 else 0 end as percent
      from enrolments e
      cross join lesson_count lc
      left join done d on d.user_id = e.user_id
      where e.course_id = ${courseId}
    )
    select
      count(*)::int as total,
      (count(*) filter (where status = 'active'))::int as active,
      (count(*) filter (where status = 'completed'))::int as completed,
      (count(*) filter (where status = 'dropped'))::int as dropped,
      round(avg(percent) filter (where status <> 'dropped'), 2)::float8 as average_progress
    from per_enrolment`);
  return rowsOf<EnrolmentTotals>(result)[0]!;
}

export interface TimelineRow {
  date: string;
  enrolments: number;
  completions: number;
  drops: number;
}

/** New enrolments, completions and drops per day over the last `days` days, today included. */
export async function enrolmentTimeline(
  executor: Executor,
  courseId: string,
  days: number,
): Promise<TimelineRow[]> {
  const result = await executor.execute(sql`
    with bounds as (
      select (now() at time zone 'UTC')::date - (${days}::int - 1) as first_day,
             (now() at time zone 'UTC')::date as last_day
    ),
    calendar as (
      select d::date as day
      from bounds, generate_series(bounds.first_day, bounds.last_day, interval '1 day') as d
    ),
    events as (
      select (enrolled_at at time zone 'UTC')::date as day, 'enrolled' as kind
        from enrolments where course_id = ${courseId}
      union all
      select (completed_at at time zone 'UTC')::date, 'completed'
        from enrolments where course_id = ${courseId} and completed_at is not null
      union all
      select (dropped_at at time zone 'UTC')::date, 'dropped'
        from enrolments where course_id = ${courseId} and dropped_at is not null
    )
    select to_char(c.day, 'YYYY-MM-DD') as date,
      (count(ev.kind) filter (where ev.kind = 'enrolled'))::int as enrolments,
      (count(ev.kind) filter (where ev.kind = 'completed'))::int as completions,
      (count(ev.kind) filter (where ev.kind = 'dropped'))::int as drops
    from calendar c
    left join events ev on ev.day = c.day
    group by c.day
    order by c.day`);
  return rowsOf<TimelineRow>(result);
}

export interface QuizStatsRow {
  quiz_id: string;
  title: string;
  attempts: number;
  mean_percent: number | null;
  /** Ten counts: scores in [0,10), [10,20) … [90,100] (100 falls in the last). */
  buckets: number[];
}

/** Per quiz of the course: attempts, mean score and the score distribution in ten buckets. */
export async function quizStats(executor: Executor, courseId: string): Promise<QuizStatsRow[]> {
  const result = await executor.execute(sql`
    with scored as (
      select a.quiz_id, a.score_percent,
        least(width_bucket(a.score_percent, 0, 100, 10), 10) as bucket
      from quiz_attempts a join quizzes q on q.id = a.quiz_id
      where q.course_id = ${courseId}
    )
    select q.id as quiz_id, q.title,
      count(s.quiz_id)::int as attempts,
      round(avg(s.score_percent)::numeric, 2)::float8 as mean_percent,
      array[${sql.join(
        Array.from(
          { length: 10 },
          (_, i) => sql`(count(*) filter (where s.bucket = ${sql.raw(String(i + 1))}))::int`,
        ),
        sql`, `,
      )}] as buckets
    from quizzes q
    left join scored s on s.quiz_id = q.id
    where q.course_id = ${courseId}
    group by q.id, q.title
    order by q.created_at, q.id`);
  return rowsOf<QuizStatsRow>(result);
}

export interface LessonFunnelRow {
  lesson_id: string;
  section_id: string;
  title: string;
  started: number;
  completed: number;
}

/**
 * Every lesson in course order with how many learners enrolled in the course (dropped ones
 * included: that is where drop-off shows) started it and completed it.
 */
export async function lessonFunnel(
  executor: Executor,
  courseId: string,
): Promise<LessonFunnelRow[]> {
  const result = await executor.execute(sql`
    select l.id as lesson_id, l.section_id, l.title,
      count(e.id)::int as started,
      (count(e.id) filter (where lp.completed_at is not null))::int as completed
    from lessons l
    join course_sections s on s.id = l.section_id
    left join lesson_progress lp on lp.lesson_id = l.id
    left join enrolments e on e.course_id = l.course_id and e.user_id = lp.user_id
    where l.course_id = ${courseId}
    group by l.id, l.section_id, l.title, s.position, l.position
    order by s.position, l.position, l.id`);
  return rowsOf<LessonFunnelRow>(result);
}
