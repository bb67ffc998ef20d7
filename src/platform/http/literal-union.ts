import { type TLiteral, type TSchemaOptions, type TUnion, Type } from 'typebox';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/**
 * The TypeBox schema of an enum declared once as a const array (`JOB_STATES`, `ROLES`): one
 * literal per value, typed so that `Static<>` is the union of the values (a plain
 * `Type.Union(values.map(Type.Literal))` types as `never`).
 */
export function literalUnion<const T extends readonly string[]>(
  values: T,
  options?: TSchemaOptions,
): TUnion<Literals<T>> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<Literals<T>>;
}
