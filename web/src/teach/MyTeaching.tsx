import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import { Button, Card, ErrorAlert, Loading, TextField } from '../design/components';

export function MyTeaching() {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const courses = useQuery({
    queryKey: ['teaching'],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/courses', {
        params: { query: { mine: true, limit: 50 } },
      });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
  });
  const create = useMutation({
    mutationFn: async (courseTitle: string) => {
      const { data, error } = await api.POST('/api/v1/courses', { body: { title: courseTitle } });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
    onSuccess: () => {
      setTitle('');
      return queryClient.invalidateQueries({ queryKey: ['teaching'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(title);
  }
  return (
    <section aria-labelledby="teaching-title">
      <h1 id="teaching-title">Teaching</h1>
      <form onSubmit={submit} className="toolbar">
        <TextField
          label="New course title"
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create course
        </Button>
      </form>
      {create.isError && <ErrorAlert message={create.error.message} />}
      {courses.isPending && <Loading label="Loading your courses…" />}
      {courses.isError && <ErrorAlert message={courses.error.message} />}
      {courses.data?.length === 0 && <p className="muted">You teach no course yet.</p>}
      <div className="grid">
        {courses.data?.map((course) => (
          <Card key={course.id}>
            <h2>
              <Link to={`/teach/${course.id}`}>{course.title}</Link>
            </h2>
            <p className="muted">
              {course.status} · version {course.version}
            </p>
          </Card>
        ))}
      </div>
    </section>
  );
}
