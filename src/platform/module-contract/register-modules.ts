import type { FastifyInstance } from 'fastify';
import type { ModuleGdpr } from '../gdpr/hooks.js';
import type { ModuleContext, ModuleManifest } from './manifest.js';

/** Registers every module's job handlers and cron schedules (before the queue starts). */
export async function registerModuleJobs(
  manifests: readonly ModuleManifest[],
  context: ModuleContext,
): Promise<void> {
  for (const manifest of manifests)
    for (const job of manifest.jobs?.(context) ?? []) {
      context.jobs.register(job.queue, job.handler, job.options);
      if (job.cron) await context.jobs.schedule(job.queue, job.cron);
    }
}

/** Registers each module's plugin under the app, in the order of the list. */
export async function registerModulePlugins(
  app: FastifyInstance,
  manifests: readonly ModuleManifest[],
): Promise<void> {
  for (const manifest of manifests) if (manifest.plugin) await app.register(manifest.plugin);
}

/** The GDPR hooks of the modules that hold personal data, for the users plugin. */
export const gdprHooks = (manifests: readonly ModuleManifest[]): ModuleGdpr[] =>
  manifests.flatMap((m) => (m.gdpr ? [{ module: m.name, hooks: m.gdpr }] : []));
