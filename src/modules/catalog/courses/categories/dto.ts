import type { CategoryWithCount } from './repository.js';

export function toCategoryDto(row: CategoryWithCount) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    position: row.position,
    courseCount: row.courseCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type CategoryDto = ReturnType<typeof toCategoryDto>;
