import { ifiOf, type Json } from './agents.js';
import { isObject } from './values.js';

export interface StatementRef {
  kind: 'agent' | 'activity';
  role: string;
  ref: string;
  /** What the plain `agent`/`activity` filters match (actor or object); the rest only `related_*`. */
  direct: boolean;
}

/** The agents and activities a statement references, for the query filters. */
export function refsOf(statement: Json): StatementRef[] {
  const refs = new Map<string, StatementRef>();
  const add = (kind: StatementRef['kind'], role: string, ref: string | null, direct = false) => {
    if (!ref) return;
    const key = `${kind}|${role}|${ref}`;
    const known = refs.get(key);
    if (known) known.direct ||= direct;
    else refs.set(key, { kind, role, ref, direct });
  };
  const agents = (value: unknown, role: string, direct: boolean) => {
    if (!isObject(value)) return;
    add('agent', role, ifiOf(value), direct);
    if (Array.isArray(value.member))
      for (const m of value.member) if (isObject(m)) add('agent', `${role}_member`, ifiOf(m));
  };
  const body = (s: Json, sub: boolean) => {
    agents(s.actor, sub ? 'sub_actor' : 'actor', !sub);
    const object = s.object as Json;
    const type = object.objectType ?? 'Activity';
    if (type === 'Activity')
      add('activity', sub ? 'sub_object' : 'object', object.id as string, !sub);
    else if (type === 'Agent' || type === 'Group')
      agents(object, sub ? 'sub_object' : 'object', !sub);
    else if (type === 'SubStatement') body(object, true);
    const context = isObject(s.context) ? s.context : undefined;
    if (!context) return;
    agents(context.instructor, 'instructor', false);
    agents(context.team, 'team', false);
    if (isObject(context.contextActivities))
      for (const list of Object.values(context.contextActivities))
        for (const a of [list].flat()) if (isObject(a)) add('activity', 'context', a.id as string);
  };
  body(statement, false);
  agents(statement.authority, 'authority', false);
  return [...refs.values()];
}
