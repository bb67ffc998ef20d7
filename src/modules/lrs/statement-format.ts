import type { Json } from './agents.js';
import { isObject } from './values.js';

export type StatementFormat = 'exact' | 'ids' | 'canonical';

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];

function idsOnly(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => idsOnly(v, key));
  if (!isObject(value)) return value;
  const type = value.objectType;
  const isAgentLike = IFI_KEYS.some((k) => k in value) || type === 'Agent' || type === 'Group';
  if (isAgentLike && key !== 'verb') {
    const out: Json = {};
    if (type) out.objectType = type;
    for (const k of IFI_KEYS) if (k in value) out[k] = value[k];
    if (type === 'Group' && Array.isArray(value.member))
      out.member = value.member.map((m) => idsOnly(m));
    return out;
  }
  if (
    (key === 'object' ||
      key === 'parent' ||
      key === 'grouping' ||
      key === 'category' ||
      key === 'other') &&
    (type ?? 'Activity') === 'Activity' &&
    'id' in value
  )
    return { objectType: 'Activity', id: value.id };
  if (key === 'verb') return { id: value.id };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, idsOnly(v, k)]));
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description']);

function canonical(value: unknown, languages: string[], key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages));
  if (!isObject(value)) return value;
  if (
    key &&
    LANGUAGE_MAP_KEYS.has(key) &&
    Object.values(value).every((v) => typeof v === 'string')
  ) {
    const tags = Object.keys(value);
    const pick =
      languages
        .map(
          (l) =>
            tags.find((t) => t.toLowerCase() === l) ??
            tags.find((t) => t.toLowerCase().split('-')[0] === l.split('-')[0]),
        )
        .find(Boolean) ?? tags[0];
    return pick ? { [pick]: value[pick] } : {};
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, languages, k)]));
}

/** A stored statement in the requested format (`canonical` keeps one language per map). */
export function formatStatement(
  statement: Json,
  format: StatementFormat,
  acceptLanguage?: string,
): Json {
  if (format === 'ids') {
    const out = idsOnly(statement) as Json;
    return out;
  }
  if (format === 'canonical') {
    const languages = (acceptLanguage ?? '')
      .split(',')
      .map((part) => part.split(';')[0]!.trim().toLowerCase())
      .filter((l) => l && l !== '*');
    return canonical(statement, languages) as Json;
  }
  return statement;
}
