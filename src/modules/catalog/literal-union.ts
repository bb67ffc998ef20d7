import { type TLiteral, type TSchemaOptions, type TUnion, Type } from 'typebox';

/**
 * A TypeBox union of the literals of one of the catalog's const arrays (`LESSON_KINDS`, …), so
 * the table's check constraint, the schema and the DTO type all come from the same list. Its
 * JSON Schema is the `anyOf` of `const`s that hand-written `Type.Literal` unions produced.
 */
export function literalUnion<const T extends readonly string[]>(
  values: T,
  options?: TSchemaOptions,
): TUnion<LiteralsOf<T>> {
  const literals = values.map((value) => Type.Literal(value));
  return Type.Union(literals, options) as unknown as TUnion<LiteralsOf<T>>;
}

type LiteralsOf<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
