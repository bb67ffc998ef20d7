export { mergeEventTypes } from './event-types.js';
export type { ModuleContext, ModuleJob, ModuleManifest, SeedOutcome } from './manifest.js';
export { mergePermissions, usePermissions } from './merge-permissions.js';
export { gdprHooks, registerModuleJobs, registerModulePlugins } from './register-modules.js';
