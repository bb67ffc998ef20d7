import type { Principal } from '../auth/principal.js';

/** Decides whether `principal` may subscribe to `topic`; `params.id` is the `{id}` part, if any. */
export type TopicAuthorizer = (
  principal: Principal,
  topic: string,
  params: { id?: string },
) => boolean | Promise<boolean>;

export interface TopicRegistry {
  /**
   * Declares a topic family: an exact name (`users`, `events:*`) or a name with one `{id}`
   * placeholder (`courses:{id}`). The authorizer is asked on every subscribe.
   */
  register(pattern: string, authorize: TopicAuthorizer): void;
  /** `unknown` when no registered pattern matches the topic. */
  authorize(principal: Principal, topic: string): Promise<'allowed' | 'forbidden' | 'unknown'>;
  patterns(): string[];
}

interface Entry {
  pattern: string;
  match: (topic: string) => { id?: string } | null;
  authorize: TopicAuthorizer;
}

const ID_PLACEHOLDER = '{id}';
// An id never contains ':' so `courses:{id}` cannot swallow `courses:1:lessons`.
const ID_SHAPE = /^[A-Za-z0-9_.-]{1,200}$/;

function compile(pattern: string): Entry['match'] {
  const at = pattern.indexOf(ID_PLACEHOLDER);
  if (at === -1) return (topic) => (topic === pattern ? {} : null);
  if (pattern.indexOf(ID_PLACEHOLDER, at + 1) !== -1)
    throw new Error(`topic pattern ${pattern} has more than one {id}`);
  const prefix = pattern.slice(0, at);
  const suffix = pattern.slice(at + ID_PLACEHOLDER.length);
  return (topic) => {
    if (!topic.startsWith(prefix) || !topic.endsWith(suffix)) return null;
    const id = topic.slice(prefix.length, topic.length - suffix.length);
    return ID_SHAPE.test(id) ? { id } : null;
  };
}

/** Which topics a module's subscribers may ask for, and who may. Unknown topics are refused. */
export function createTopicRegistry(): TopicRegistry {
  const entries: Entry[] = [];
  return {
    register(pattern, authorize) {
      if (entries.some((e) => e.pattern === pattern))
        throw new Error(`topic pattern ${pattern} is already registered`);
      entries.push({ pattern, match: compile(pattern), authorize });
    },
    async authorize(principal, topic) {
      for (const entry of entries) {
        const params = entry.match(topic);
        if (!params) continue;
        return (await entry.authorize(principal, topic, params)) ? 'allowed' : 'forbidden';
      }
      return 'unknown';
    },
    patterns: () => entries.map((e) => e.pattern),
  };
}

/** The topic every domain event is published to (administrators: `events:read`). */
export const ALL_EVENTS_TOPIC = 'events:*';

/** `user` → `users`, `archive-batch` → `archive-batches`; the collection topic of a subject type. */
export const collectionTopic = (subjectType: string): string =>
  /(s|x|z|ch|sh)$/.test(subjectType) ? `${subjectType}es` : `${subjectType}s`;

/**
 * The topics of a domain event, most specific first: `users:<id>`, `users`, `events:*`. A socket
 * subscribed to several of them receives the event once, under the first it subscribed to.
 */
export function topicsForEvent(event: { subjectType: string; subjectId: string }): string[] {
  const collection = collectionTopic(event.subjectType);
  return [`${collection}:${event.subjectId}`, collection, ALL_EVENTS_TOPIC];
}

export const jobTopic = (jobId: string): string => `jobs:${jobId}`;
