import { isIri, isObject, onlyKeys } from './values.js';
import { invalid } from './xapi-error.js';

export type Json = Record<string, unknown>;

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const AGENT_KEYS = ['objectType', 'name', ...IFI_KEYS];
const GROUP_KEYS = [...AGENT_KEYS, 'member'];

function checkAccount(value: unknown, path: string): void {
  if (!isObject(value)) throw invalid(path, 'must be an object with homePage and name');
  onlyKeys(value, ['homePage', 'name'], path);
  if (!isIri(value.homePage)) throw invalid(`${path}.homePage`, 'must be an IRL');
  if (typeof value.name !== 'string') throw invalid(`${path}.name`, 'must be a string');
}

function checkIfis(value: Json, path: string, required: boolean): void {
  const present = IFI_KEYS.filter((k) => value[k] !== undefined);
  if (present.length > 1)
    throw invalid(path, `must have exactly one identifier, has ${present.join(' and ')}`);
  if (required && present.length === 0)
    throw invalid(path, 'must have one of mbox, mbox_sha1sum, openid or account');
  if (
    value.mbox !== undefined &&
    !(typeof value.mbox === 'string' && /^mailto:[^@\s]+@[^@\s]+$/.test(value.mbox))
  )
    throw invalid(`${path}.mbox`, 'must be a mailto: IRI');
  if (
    value.mbox_sha1sum !== undefined &&
    !(typeof value.mbox_sha1sum === 'string' && /^[0-9a-f]{40}$/i.test(value.mbox_sha1sum))
  )
    throw invalid(`${path}.mbox_sha1sum`, 'must be a hex SHA-1');
  if (value.openid !== undefined && !isIri(value.openid))
    throw invalid(`${path}.openid`, 'must be an IRI');
  if (value.account !== undefined) checkAccount(value.account, `${path}.account`);
  if (value.name !== undefined && typeof value.name !== 'string')
    throw invalid(`${path}.name`, 'must be a string');
}

/** An Agent (objectType absent or `Agent`) with exactly one IFI. */
export function checkAgent(value: unknown, path: string): asserts value is Json {
  if (!isObject(value)) throw invalid(path, 'must be an Agent object');
  if (value.objectType !== undefined && value.objectType !== 'Agent')
    throw invalid(`${path}.objectType`, 'must be "Agent"');
  onlyKeys(value, AGENT_KEYS, path);
  checkIfis(value, path, true);
}

/** An Agent or a Group (anonymous groups need members; members are Agents). */
export function checkAgentOrGroup(value: unknown, path: string): asserts value is Json {
  if (!isObject(value)) throw invalid(path, 'must be an Agent or Group object');
  if (value.objectType !== 'Group') return checkAgent(value, path);
  onlyKeys(value, GROUP_KEYS, path);
  checkIfis(value, path, false);
  const identified = IFI_KEYS.some((k) => value[k] !== undefined);
  if (value.member === undefined) {
    if (!identified) throw invalid(`${path}.member`, 'is required in an anonymous Group');
    return;
  }
  if (!Array.isArray(value.member)) throw invalid(`${path}.member`, 'must be an array of Agents');
  if (!identified && value.member.length === 0)
    throw invalid(`${path}.member`, 'must not be empty in an anonymous Group');
  for (const [i, m] of value.member.entries()) checkAgent(m, `${path}.member[${i}]`);
}

/** The IFI of an agent or identified group as one string (`mbox:mailto:…`, `account:<home>|<name>`), or null. */
export function ifiOf(agent: Json): string | null {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string')
    return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  if (isObject(agent.account))
    return `account:${String(agent.account.homePage)}|${String(agent.account.name)}`;
  return null;
}

/** Reads an `agent` query parameter: JSON of an Agent or identified Group; its IFI. */
export function agentParam(raw: unknown, name = 'agent'): { agent: Json; ifi: string } {
  if (typeof raw !== 'string') throw invalid(name, 'is required (JSON of an Agent)');
  let agent: unknown;
  try {
    agent = JSON.parse(raw);
  } catch {
    throw invalid(name, 'must be JSON of an Agent');
  }
  checkAgentOrGroup(agent, name);
  const ifi = ifiOf(agent);
  if (!ifi) throw invalid(name, 'must carry an identifier (an anonymous Group cannot be queried)');
  return { agent, ifi };
}
