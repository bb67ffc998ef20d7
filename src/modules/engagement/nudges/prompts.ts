import type { Executor } from '#platform/db/index.js';
import * as repo from './repository.js';
import { BUILT_IN_PROMPTS, parseVersionLabel, versionLabel } from './templates.js';

export interface ResolvedPrompt {
  /** `<name>_v<version>`: what every message made with it stores. */
  label: string;
  template: string;
  system: string | null;
}

/** The active version of a prompt, or its built-in (version 0) while none was stored. */
export async function activePromptOf(db: Executor, name: string): Promise<ResolvedPrompt> {
  const row = await repo.activePrompt(db, name);
  if (row)
    return { label: versionLabel(name, row.version), template: row.template, system: row.system };
  const builtIn = BUILT_IN_PROMPTS[name];
  if (!builtIn) throw new Error(`no prompt named ${name}`);
  return { label: versionLabel(name, 0), template: builtIn.template, system: builtIn.system };
}

/** One exact version by its label (`nudge_v3`, `nudge_v0` for the built-in), if it exists. */
export async function promptByLabel(
  db: Executor,
  label: string,
): Promise<ResolvedPrompt | undefined> {
  const parsed = parseVersionLabel(label);
  if (!parsed) return undefined;
  if (parsed.version === 0) {
    const builtIn = BUILT_IN_PROMPTS[parsed.name];
    return builtIn && { label, template: builtIn.template, system: builtIn.system };
  }
  const row = await repo.promptVersion(db, parsed.name, parsed.version);
  return row && { label, template: row.template, system: row.system };
}
