export type { GdprErasure, GdprHooks, ModuleGdpr } from './hooks.js';
export { gdprPlugin } from './plugin.js';
