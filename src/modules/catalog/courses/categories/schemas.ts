import { Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { SlugSchema } from '../schemas.js';

export const CategorySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    position: Type.Integer({ description: 'display order, smallest first' }),
    courseCount: Type.Integer({ minimum: 0, description: 'published courses in the category' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Category' },
);

export const CategoryIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListCategoriesQuery = Type.Object(
  { ...LimitQuerySchema.properties },
  { additionalProperties: false },
);

const Name = Type.String({ minLength: 1, maxLength: 100, examples: ['Physics'] });
const Description = Type.String({ maxLength: 2000 });
const Position = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const CreateCategoryBody = Type.Object(
  {
    name: Name,
    slug: Type.Optional(SlugSchema),
    description: Type.Optional(Description),
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);

export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Name),
    slug: Type.Optional(SlugSchema),
    description: Type.Optional(Type.Union([Description, Type.Null()])),
    position: Type.Optional(Position),
  },
  { additionalProperties: false, minProperties: 1 },
);
