import type { FastifyReply } from 'fastify';
import { type TLiteral, type TObject, type TSchema, Type } from 'typebox';

export const ErrorDetailSchema = Type.Object(
  {
    path: Type.Optional(Type.String({ examples: ['/body/title'] })),
    message: Type.String({ examples: ['must be string'] }),
    rule: Type.Optional(
      Type.String({ description: 'for request validation: the JSON Schema keyword broken' }),
    ),
    expected: Type.Optional(Type.String({ description: 'the type wanted (`rule: type`)' })),
    allowed: Type.Optional(
      Type.Array(Type.Unknown(), { description: 'the values allowed (`rule: enum`)' }),
    ),
    format: Type.Optional(Type.String({ description: 'the format wanted (`rule: format`)' })),
    pattern: Type.Optional(Type.String({ description: 'the pattern wanted (`rule: pattern`)' })),
    limit: Type.Optional(Type.Number({ description: 'the bound (`rule: maxLength`, `minimum`…)' })),
  },
  { additionalProperties: true },
);

/** The body of every failed response. */
export const ErrorEnvelopeSchema = Type.Object(
  {
    ok: Type.Literal(false),
    error: Type.Object({
      code: Type.String({ description: 'stable UPPER_SNAKE error code', examples: ['NOT_FOUND'] }),
      message: Type.String(),
      details: Type.Optional(Type.Array(ErrorDetailSchema)),
    }),
    requestId: Type.String(),
  },
  { $id: 'ErrorEnvelope', title: 'ErrorEnvelope' },
);

export const PageMetaSchema = Type.Object({
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  limit: Type.Integer(),
});

/** `{ ok: true, data, meta? }` around a data schema. */
export function Envelope<T extends TSchema>(data: T): TObject<{ ok: TLiteral<true>; data: T }>;
export function Envelope<T extends TSchema, M extends TSchema>(
  data: T,
  meta: M,
): TObject<{ ok: TLiteral<true>; data: T; meta: M }>;
export function Envelope(data: TSchema, meta?: TSchema) {
  return Type.Object({ ok: Type.Literal(true), data, ...(meta ? { meta } : {}) });
}

/** A page of a cursor-paginated list. */
export function PageEnvelope<T extends TSchema>(item: T) {
  return Type.Object({ ok: Type.Literal(true), data: Type.Array(item), meta: PageMetaSchema });
}

export const ok = <T>(data: T) => ({ ok: true as const, data });

/** Error responses every authenticated route can produce, for the OpenAPI document. */
export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorEnvelope')])) as Record<
    number,
    TSchema
  >;

/** `reply.serialize`'s result as text: the JSON serializer always gives a string. */
export function serializedText(payload: string | ArrayBuffer | Buffer): string {
  if (typeof payload === 'string') return payload;
  return Buffer.from(payload as ArrayBuffer).toString('utf8');
}

/**
 * Sends a body that is already serialized JSON (a cached response): Fastify does not serialize
 * a string sent as `application/json` again.
 */
export function sendSerialized(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}
