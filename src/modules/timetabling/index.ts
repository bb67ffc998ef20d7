import type { ModuleManifest } from '#platform/module-contract/index.js';
import { timetablingPermissions } from './permissions.js';

/**
 * Timetabling: today the engine (`engine/`) that the CLI drives; its permissions are declared
 * so API keys and roles can carry them before its routes land.
 */
export const timetablingManifest: ModuleManifest = {
  name: 'timetabling',
  permissions: timetablingPermissions,
};
