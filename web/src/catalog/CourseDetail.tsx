import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import { useSession } from '../auth/session';
import { Button, ErrorAlert, Loading } from '../design/components';

export function CourseDetail() {
  const { slug = '' } = useParams();
  const session = useSession();
  const queryClient = useQueryClient();
  const course = useQuery({
    queryKey: ['course', slug, session.user?.id],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/courses/{idOrSlug}', {
        params: { path: { idOrSlug: slug }, query: { include: 'sections,lessons,instructors' } },
      });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
  });
  const enrol = useMutation({
    mutationFn: async (id: string) => {
      const { data, error } = await api.POST('/api/v1/courses/{id}/enrol', {
        params: { path: { id } },
      });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-courses'] }),
  });

  if (course.isPending) return <Loading label="Loading the course…" />;
  if (course.isError) return <ErrorAlert message={course.error.message} />;
  const c = course.data;
  return (
    <article aria-labelledby="course-title">
      <h1 id="course-title">{c.title}</h1>
      {c.summary && <p>{c.summary}</p>}
      <p className="muted">
        {c.level} · {c.language} · {c.lessonCount} lessons
        {c.instructors?.length ? ` · by ${c.instructors.map((i) => i.name).join(', ')}` : ''}
      </p>
      {session.user ? (
        enrol.isSuccess ? (
          <p role="status">
            You are enrolled. <Link to="/my-courses">Go to my courses</Link>
          </p>
        ) : (
          <Button variant="primary" disabled={enrol.isPending} onClick={() => enrol.mutate(c.id)}>
            {enrol.isPending ? 'Enrolling…' : 'Enrol'}
          </Button>
        )
      ) : (
        <p>
          <Link to="/sign-in">Sign in</Link> to enrol.
        </p>
      )}
      {enrol.isError && <ErrorAlert message={enrol.error.message} />}
      <h2>Outline</h2>
      {c.sections?.length ? (
        <ol>
          {c.sections.map((section) => (
            <li key={section.id}>
              <h3>{section.title}</h3>
              <ul>
                {section.lessons?.map((lesson) => (
                  <li key={lesson.id}>
                    {lesson.title} <span className="muted">({lesson.kind})</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No sections yet.</p>
      )}
    </article>
  );
}
