import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import { Card, ErrorAlert, Loading, SelectField, TextField } from '../design/components';

type Level = 'beginner' | 'intermediate' | 'advanced' | 'all';
type Sort = 'relevance' | 'newest' | 'title' | 'rating';

const LEVELS = [
  { value: '', label: 'Any level' },
  { value: 'beginner', label: 'Beginner' },
  { value: 'intermediate', label: 'Intermediate' },
  { value: 'advanced', label: 'Advanced' },
];
const SORTS = [
  { value: '', label: 'Best match / newest' },
  { value: 'newest', label: 'Newest' },
  { value: 'title', label: 'Title' },
  { value: 'rating', label: 'Rating' },
];

export function CourseSearch() {
  const [q, setQ] = useState('');
  const [level, setLevel] = useState('');
  const [sort, setSort] = useState('');
  const courses = useQuery({
    queryKey: ['courses', q, level, sort],
    queryFn: async () => {
      const { data, error } = await api.GET('/api/v1/courses', {
        params: {
          query: {
            q: q || undefined,
            level: (level || undefined) as Level | undefined,
            sort: (sort || undefined) as Sort | undefined,
            limit: 24,
          },
        },
      });
      if (!data) throw new Error(errorMessage(error));
      return data.data;
    },
  });
  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalog</h1>
      <search className="toolbar">
        <TextField label="Search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField
          label="Level"
          options={LEVELS}
          value={level}
          onChange={(e) => setLevel(e.target.value)}
        />
        <SelectField
          label="Sort"
          options={SORTS}
          value={sort}
          onChange={(e) => setSort(e.target.value)}
        />
      </search>
      {courses.isPending && <Loading label="Loading courses…" />}
      {courses.isError && <ErrorAlert message={courses.error.message} />}
      {courses.data && courses.data.length === 0 && <p className="muted">No course matches.</p>}
      {courses.data && (
        <div className="grid">
          {courses.data.map((course) => (
            <Card key={course.id}>
              <h2>
                <Link to={`/courses/${course.slug}`}>{course.title}</Link>
              </h2>
              {course.summary && <p>{course.summary}</p>}
              <p className="muted">
                {course.level} · {course.language}
                {course.category ? ` · ${course.category.name}` : ''}
              </p>
            </Card>
          ))}
        </div>
      )}
    </section>
  );
}
