import { checkAgent, checkAgentOrGroup, type Json } from './agents.js';
import {
  checkExtensions,
  checkLanguageMap,
  isDuration,
  isIri,
  isObject,
  isTimestamp,
  isUuid,
  onlyKeys,
} from './values.js';
import { invalid } from './xapi-error.js';

export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

const STATEMENT_KEYS = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
];
const SUB_KEYS = [
  'objectType',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'attachments',
];
const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
];
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];

function checkVerb(value: unknown, path: string): void {
  if (!isObject(value)) throw invalid(path, 'is required and must be an object');
  onlyKeys(value, ['id', 'display'], path);
  if (!isIri(value.id)) throw invalid(`${path}.id`, 'must be an IRI');
  if (value.display !== undefined) checkLanguageMap(value.display, `${path}.display`);
}

function checkDefinition(value: unknown, path: string): void {
  if (!isObject(value)) throw invalid(path, 'must be an object');
  onlyKeys(
    value,
    [
      'name',
      'description',
      'type',
      'moreInfo',
      'extensions',
      'interactionType',
      'correctResponsesPattern',
      ...COMPONENT_LISTS,
    ],
    path,
  );
  if (value.name !== undefined) checkLanguageMap(value.name, `${path}.name`);
  if (value.description !== undefined) checkLanguageMap(value.description, `${path}.description`);
  if (value.type !== undefined && !isIri(value.type))
    throw invalid(`${path}.type`, 'must be an IRI');
  if (value.moreInfo !== undefined && !isIri(value.moreInfo))
    throw invalid(`${path}.moreInfo`, 'must be an IRL');
  if (value.extensions !== undefined) checkExtensions(value.extensions, `${path}.extensions`);
  if (
    value.interactionType !== undefined &&
    !INTERACTION_TYPES.includes(value.interactionType as string)
  )
    throw invalid(`${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}`);
  if (value.correctResponsesPattern !== undefined) {
    if (value.interactionType === undefined)
      throw invalid(`${path}.correctResponsesPattern`, 'needs an interactionType');
    if (
      !Array.isArray(value.correctResponsesPattern) ||
      value.correctResponsesPattern.some((p) => typeof p !== 'string')
    )
      throw invalid(`${path}.correctResponsesPattern`, 'must be an array of strings');
  }
  for (const list of COMPONENT_LISTS) {
    const components = value[list];
    if (components === undefined) continue;
    if (value.interactionType === undefined)
      throw invalid(`${path}.${list}`, 'needs an interactionType');
    if (!Array.isArray(components)) throw invalid(`${path}.${list}`, 'must be an array');
    const ids = new Set<string>();
    components.forEach((c, i) => {
      const at = `${path}.${list}[${i}]`;
      if (!isObject(c)) throw invalid(at, 'must be an object');
      onlyKeys(c, ['id', 'description'], at);
      if (typeof c.id !== 'string' || c.id === '')
        throw invalid(`${at}.id`, 'must be a non-empty string');
      if (ids.has(c.id)) throw invalid(`${at}.id`, 'repeats an id of this list');
      ids.add(c.id);
      if (c.description !== undefined) checkLanguageMap(c.description, `${at}.description`);
    });
  }
}

function checkActivity(value: Json, path: string): void {
  onlyKeys(value, ['objectType', 'id', 'definition'], path);
  if (!isIri(value.id)) throw invalid(`${path}.id`, 'must be an IRI');
  if (value.definition !== undefined) checkDefinition(value.definition, `${path}.definition`);
}

function checkStatementRef(value: unknown, path: string): void {
  if (!isObject(value) || value.objectType !== 'StatementRef')
    throw invalid(`${path}.objectType`, 'must be "StatementRef"');
  onlyKeys(value, ['objectType', 'id'], path);
  if (!isUuid(value.id)) throw invalid(`${path}.id`, 'must be a UUID');
}

function checkObject(value: unknown, path: string, inSub: boolean): void {
  if (!isObject(value)) throw invalid(path, 'is required and must be an object');
  const type = value.objectType ?? 'Activity';
  switch (type) {
    case 'Activity':
      checkActivity(value, path);
      return;
    case 'Agent':
    case 'Group':
      checkAgentOrGroup(value, path);
      return;
    case 'StatementRef':
      checkStatementRef(value, path);
      return;
    case 'SubStatement':
      if (inSub)
        throw invalid(`${path}.objectType`, 'a SubStatement cannot contain a SubStatement');
      checkBody(value, path, true);
      return;
    default:
      throw invalid(
        `${path}.objectType`,
        'must be Activity, Agent, Group, StatementRef or SubStatement',
      );
  }
}

function checkResult(value: unknown, path: string): void {
  if (!isObject(value)) throw invalid(path, 'must be an object');
  onlyKeys(value, ['score', 'success', 'completion', 'response', 'duration', 'extensions'], path);
  if (value.score !== undefined) {
    const score = value.score;
    const at = `${path}.score`;
    if (!isObject(score)) throw invalid(at, 'must be an object');
    onlyKeys(score, ['scaled', 'raw', 'min', 'max'], at);
    for (const k of ['scaled', 'raw', 'min', 'max'])
      if (score[k] !== undefined && (typeof score[k] !== 'number' || !Number.isFinite(score[k])))
        throw invalid(`${at}.${k}`, 'must be a number');
    const { scaled, raw, min, max } = score as Record<string, number | undefined>;
    if (scaled !== undefined && (scaled < -1 || scaled > 1))
      throw invalid(`${at}.scaled`, 'must be between -1 and 1');
    if (min !== undefined && max !== undefined && min >= max)
      throw invalid(`${at}.min`, 'must be less than max');
    if (raw !== undefined && min !== undefined && raw < min)
      throw invalid(`${at}.raw`, 'must not be below min');
    if (raw !== undefined && max !== undefined && raw > max)
      throw invalid(`${at}.raw`, 'must not be above max');
  }
  for (const k of ['success', 'completion'])
    if (value[k] !== undefined && typeof value[k] !== 'boolean')
      throw invalid(`${path}.${k}`, 'must be a boolean');
  if (value.response !== undefined && typeof value.response !== 'string')
    throw invalid(`${path}.response`, 'must be a string');
  if (value.duration !== undefined && !isDuration(value.duration))
    throw invalid(`${path}.duration`, 'must be an ISO 8601 duration');
  if (value.extensions !== undefined) checkExtensions(value.extensions, `${path}.extensions`);
}

function checkContext(value: unknown, path: string, objectIsActivity: boolean): void {
  if (!isObject(value)) throw invalid(path, 'must be an object');
  onlyKeys(
    value,
    [
      'registration',
      'instructor',
      'team',
      'contextActivities',
      'contextAgents',
      'contextGroups',
      'revision',
      'platform',
      'language',
      'statement',
      'extensions',
    ],
    path,
  );
  if (value.registration !== undefined && !isUuid(value.registration))
    throw invalid(`${path}.registration`, 'must be a UUID');
  if (value.instructor !== undefined) checkAgentOrGroup(value.instructor, `${path}.instructor`);
  if (value.team !== undefined) {
    if (!isObject(value.team) || value.team.objectType !== 'Group')
      throw invalid(`${path}.team`, 'must be a Group');
    checkAgentOrGroup(value.team, `${path}.team`);
  }
  for (const k of ['revision', 'platform'] as const) {
    if (value[k] === undefined) continue;
    if (typeof value[k] !== 'string') throw invalid(`${path}.${k}`, 'must be a string');
    if (!objectIsActivity)
      throw invalid(`${path}.${k}`, 'is allowed only when the object is an Activity');
  }
  if (
    value.language !== undefined &&
    !(
      typeof value.language === 'string' &&
      /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(value.language)
    )
  )
    throw invalid(`${path}.language`, 'must be a language tag');
  if (value.statement !== undefined) checkStatementRef(value.statement, `${path}.statement`);
  if (value.extensions !== undefined) checkExtensions(value.extensions, `${path}.extensions`);
  if (value.contextActivities !== undefined) {
    const ca = value.contextActivities;
    const at = `${path}.contextActivities`;
    if (!isObject(ca)) throw invalid(at, 'must be an object');
    onlyKeys(ca, ['parent', 'grouping', 'category', 'other'], at);
    for (const [k, v] of Object.entries(ca)) {
      const list = Array.isArray(v) ? v : [v];
      list.forEach((a, i) => {
        if (!isObject(a) || (a.objectType !== undefined && a.objectType !== 'Activity'))
          throw invalid(`${at}.${k}[${i}]`, 'must be an Activity');
        checkActivity(a, `${at}.${k}[${i}]`);
      });
    }
  }
  for (const [k, objectType, key] of [
    ['contextAgents', 'contextAgent', 'agent'],
    ['contextGroups', 'contextGroup', 'group'],
  ] as const) {
    const list = value[k];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalid(`${path}.${k}`, 'must be an array');
    list.forEach((entry, i) => {
      const at = `${path}.${k}[${i}]`;
      if (!isObject(entry) || entry.objectType !== objectType)
        throw invalid(`${at}.objectType`, `must be "${objectType}"`);
      onlyKeys(entry, ['objectType', key, 'relevantTypes'], at);
      if (key === 'agent') checkAgent(entry.agent, `${at}.agent`);
      else {
        if (!isObject(entry.group) || entry.group.objectType !== 'Group')
          throw invalid(`${at}.group`, 'must be a Group');
        checkAgentOrGroup(entry.group, `${at}.group`);
      }
      if (
        entry.relevantTypes !== undefined &&
        (!Array.isArray(entry.relevantTypes) ||
          entry.relevantTypes.length === 0 ||
          !entry.relevantTypes.every(isIri))
      )
        throw invalid(`${at}.relevantTypes`, 'must be a non-empty array of IRIs');
    });
  }
}

function checkAttachments(value: unknown, path: string): void {
  if (!Array.isArray(value)) throw invalid(path, 'must be an array');
  value.forEach((a, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(a)) throw invalid(at, 'must be an object');
    onlyKeys(
      a,
      ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl'],
      at,
    );
    if (!isIri(a.usageType)) throw invalid(`${at}.usageType`, 'must be an IRI');
    checkLanguageMap(a.display, `${at}.display`);
    if (a.description !== undefined) checkLanguageMap(a.description, `${at}.description`);
    if (typeof a.contentType !== 'string')
      throw invalid(`${at}.contentType`, 'must be a media type');
    if (!Number.isInteger(a.length) || (a.length as number) < 0)
      throw invalid(`${at}.length`, 'must be a non-negative integer');
    if (typeof a.sha2 !== 'string' || !/^[0-9a-f]{56,128}$/i.test(a.sha2))
      throw invalid(`${at}.sha2`, 'must be a hex SHA-2');
    // Attachment bytes travel in multipart/mixed, which this LRS does not take: each needs a URL.
    if (!isIri(a.fileUrl))
      throw invalid(`${at}.fileUrl`, 'is required: this LRS takes attachments by fileUrl only');
  });
}

function checkBody(value: Json, path: string, isSub: boolean): void {
  onlyKeys(value, isSub ? SUB_KEYS : STATEMENT_KEYS, path);
  const p = (k: string) => (path ? `${path}.${k}` : k);
  if (value.actor === undefined) throw invalid(p('actor'), 'is required');
  checkAgentOrGroup(value.actor, p('actor'));
  checkVerb(value.verb, p('verb'));
  checkObject(value.object, p('object'), isSub);
  if (value.result !== undefined) checkResult(value.result, p('result'));
  const object = value.object as Json;
  const objectIsActivity = (object.objectType ?? 'Activity') === 'Activity';
  if (value.context !== undefined) checkContext(value.context, p('context'), objectIsActivity);
  if (value.timestamp !== undefined && !isTimestamp(value.timestamp))
    throw invalid(p('timestamp'), 'must be an ISO 8601 date-time with a time zone');
  if (value.attachments !== undefined) checkAttachments(value.attachments, p('attachments'));
  const verb = value.verb as Json;
  if (verb.id === VOIDED_VERB && !isSub && object.objectType !== 'StatementRef')
    throw invalid(p('object'), 'a voiding statement must have a StatementRef object');
}

/** Checks a statement as the spec says; throws a 400 naming the first offending property. */
export function validateStatement(value: unknown, path = ''): asserts value is Json {
  if (!isObject(value)) throw invalid(path || 'statement', 'must be a JSON object');
  checkBody(value, path, false);
  const p = (k: string) => (path ? `${path}.${k}` : k);
  if (value.id !== undefined && !isUuid(value.id)) throw invalid(p('id'), 'must be a UUID');
  if (value.stored !== undefined && !isTimestamp(value.stored))
    throw invalid(p('stored'), 'must be an ISO 8601 date-time');
  if (value.authority !== undefined) checkAgentOrGroup(value.authority, p('authority'));
  if (
    value.version !== undefined &&
    !(typeof value.version === 'string' && /^(1\.0|2\.0)(\.\d+)?$/.test(value.version))
  )
    throw invalid(p('version'), 'must be 1.0.x or 2.0.x');
}
