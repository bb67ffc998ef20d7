import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { PermissionSet } from '../auth/permissions.js';
import type { Database } from '../db/index.js';
import type { EventCatalogue } from '../events/catalogue.js';
import type { GdprHooks } from '../gdpr/hooks.js';
import type { HandlerOptions, JobHandler } from '../jobs/index.js';
import type { SeedLogger } from '../seed/demo.js';

/** What a module's job handlers and seed are built from: the app's shared context. */
export type ModuleContext = FastifyInstance['lectern'];

/** One queue a module works: its handler, options and, for recurring work, a cron (UTC). */
export interface ModuleJob {
  queue: string;
  handler: JobHandler<never, unknown>;
  options?: HandlerOptions;
  cron?: string;
}

/** What a module's demo seed reports, for the `seed` command to print. */
export interface SeedOutcome {
  seeded: boolean;
  message: string;
}

/**
 * A domain module as the platform sees it. `app.ts` and the CLI loop over the list of
 * manifests (`src/modules/index.ts`); nothing else wires a module.
 */
export interface ModuleManifest {
  /** Lower-case, unique: names the module in errors, the event catalogue and GDPR exports. */
  name: string;
  /** Its routes and subscribers, registered under the app after every platform plugin. */
  plugin?: FastifyPluginAsync;
  /** Its permission names and what each role gains; merged with the platform's at start. */
  permissions?: PermissionSet;
  /** Its domain event types, each with the schema of its `data`. */
  events?: EventCatalogue;
  /** Its job handlers and cron schedules, registered before the queue starts. */
  jobs?: (context: ModuleContext) => readonly ModuleJob[];
  /**
   * What the demo school gets from it; runs after the demo people exist (see `shouldSeedDemo`).
   * `context` is the app's when a server seeds on start (absent for the `seed` command).
   */
  seed?: (db: Database, log: SeedLogger, context?: ModuleContext) => Promise<SeedOutcome>;
  /** Export and erasure of what it holds about a person. */
  gdpr?: GdprHooks;
  /** The functions other modules may call; nothing else of a module is importable. */
  api?: object;
}
