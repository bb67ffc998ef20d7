import type { NudgeRow, PromptRow } from './repository.js';
import { versionLabel } from './templates.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toNudgeDto(row: NudgeRow) {
  return {
    nudgeId: row.id,
    learnerId: row.learnerId,
    content: row.content,
    channel: row.channel,
    type: row.type,
    gptFallback: row.gptFallback,
    fallbackReason: row.fallbackReason,
    promptVersion: row.promptVersion,
    experimentId: row.experimentId,
    variant: row.variant,
    status: row.status,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
  };
}

export type NudgeDto = ReturnType<typeof toNudgeDto>;

export function toPromptDto(row: PromptRow) {
  return {
    name: row.name,
    version: row.version,
    promptVersion: versionLabel(row.name, row.version),
    template: row.template,
    system: row.system,
    active: row.active,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
