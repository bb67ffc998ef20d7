import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import { Card, ErrorAlert, Loading } from '../design/components';

export function MyCourses() {
  const mine = useQuery({
    queryKey: ['my-courses'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/me/courses', {});
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
  });
  return (
    <section aria-labelledby="my-courses-title">
      <h1 id="my-courses-title">My courses</h1>
      {mine.isPending && <Loading label="Loading your courses…" />}
      {mine.isError && <ErrorAlert message={mine.error.message} />}
      {mine.data?.length === 0 && <p className="muted">You are not enrolled in any course yet.</p>}
      <div className="grid">
        {mine.data?.map((row) => (
          <Card key={row.enrolmentId}>
            <h2>
              <Link to={`/courses/${row.course.slug}`}>{row.course.title}</Link>
            </h2>
            <progress
              max={100}
              value={row.progress.percent}
              aria-label={`Progress in ${row.course.title}`}
            />
            <p className="muted">
              {row.progress.completedLessons} of {row.progress.totalLessons} lessons · {row.status}
            </p>
          </Card>
        ))}
      </div>
    </section>
  );
}
