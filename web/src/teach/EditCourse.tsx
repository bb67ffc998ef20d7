import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import { Button, ErrorAlert, Loading, TextField } from '../design/components';

class StaleEdit extends Error {}

/** Course editing with optimistic concurrency: the edit carries the version it started from. */
export function EditCourse() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const course = useQuery({
    queryKey: ['course-edit', id],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/courses/{idOrSlug}', {
        params: { path: { idOrSlug: id } },
      });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
  });
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  useEffect(() => {
    if (!course.data) return;
    setTitle(course.data.title);
    setSummary(course.data.summary ?? '');
  }, [course.data]);

  const save = useMutation({
    mutationFn: async (version: number) => {
      const { data, error, response } = await api.PATCH('/api/v1/courses/{id}', {
        params: { path: { id } },
        headers: { 'If-Match': `"${version}"` },
        body: { title, summary: summary || null },
      });
      if (response.status === 412) throw new StaleEdit(errorMessage(error));
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
    onSuccess: (saved) => queryClient.setQueryData(['course-edit', id], saved),
  });

  if (course.isPending) return <Loading label="Loading the course…" />;
  if (course.isError) return <ErrorAlert message={course.error.message} />;
  const version = course.data.version;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(version);
  }
  async function reload() {
    save.reset();
    await course.refetch();
  }
  return (
    <section aria-labelledby="edit-title">
      <h1 id="edit-title">Edit “{course.data.title}”</h1>
      <p className="muted">
        {course.data.status} · version {version}
      </p>
      <form onSubmit={submit}>
        <TextField
          label="Title"
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextField label="Summary" value={summary} onChange={(e) => setSummary(e.target.value)} />
        {save.error instanceof StaleEdit ? (
          <div role="alert" className="alert">
            <p>Someone changed this course since you opened it; your edit was not saved.</p>
            <Button onClick={() => void reload()}>Reload the latest version</Button>
          </div>
        ) : (
          save.isError && <ErrorAlert message={save.error.message} />
        )}
        {save.isSuccess && <p role="status">Saved.</p>}
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </Button>
      </form>
    </section>
  );
}
