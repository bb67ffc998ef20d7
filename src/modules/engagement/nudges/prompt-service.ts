import type { Principal } from '#platform/auth/principal.js';
import type { Clock } from '#platform/clock/index.js';
import type { Database } from '#platform/db/index.js';
import { isUniqueViolation } from '#platform/db/unique-violation.js';
import { conflict, forbidden, notFound, validationError } from '#platform/errors/index.js';
import { isStaff } from './access.js';
import { toPromptDto } from './dto.js';
import * as repo from './repository.js';
import { BUILT_IN_PROMPTS, TEMPLATE_VARIABLES, unknownVariables } from './templates.js';

export interface CreatePromptInput {
  name: string;
  template: string;
  system?: string;
}

/** Prompt versions: each POST adds the next version of a name and makes it the active one. */
export function createPromptService({ db, clock }: { db: Database; clock: Clock }) {
  const requireStaff = (caller: Principal) => {
    if (!isStaff(caller)) throw forbidden('Only staff manage prompts');
  };
  return {
    async create(caller: Principal, input: CreatePromptInput) {
      requireStaff(caller);
      for (const [field, text] of [
        ['template', input.template],
        ['system', input.system ?? ''],
      ] as const) {
        const unknown = unknownVariables(text);
        if (unknown.length > 0)
          throw validationError(`Unknown template variable {{${unknown[0]}}}`, [
            {
              path: `/body/${field}`,
              message: `uses {{${unknown.join('}}, {{')}}}; the variables are ${TEMPLATE_VARIABLES.join(', ')}`,
            },
          ]);
      }
      try {
        const row = await db.transaction(async (tx) => {
          const version = (await repo.latestVersion(tx, input.name)) + 1;
          await repo.deactivatePrompt(tx, input.name);
          return repo.insertPrompt(tx, {
            name: input.name,
            version,
            template: input.template,
            system: input.system ?? null,
            active: true,
            createdBy: caller.userId,
            createdAt: clock.now(),
          });
        });
        return toPromptDto(row);
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict(
            'Another version of this prompt was saved at the same time; retry',
            'PROMPT_VERSION_CONFLICT',
          );
        throw error;
      }
    },

    async versions(caller: Principal, name: string) {
      requireStaff(caller);
      const rows = await repo.promptVersions(db, name);
      if (rows.length === 0 && !BUILT_IN_PROMPTS[name])
        throw notFound('Prompt', 'PROMPT_NOT_FOUND');
      return rows.map(toPromptDto);
    },

    async rollback(caller: Principal, name: string, version: number) {
      requireStaff(caller);
      const row = await db.transaction(async (tx) => {
        const target = await repo.promptVersion(tx, name, version);
        if (!target) return undefined;
        await repo.deactivatePrompt(tx, name);
        return repo.activatePrompt(tx, target.id);
      });
      if (!row) throw notFound(`Version ${version} of prompt ${name}`, 'PROMPT_VERSION_NOT_FOUND');
      return toPromptDto(row);
    },
  };
}

export type PromptService = ReturnType<typeof createPromptService>;
