import type { ModuleManifest } from '#platform/module-contract/index.js';
import { archivePermissions } from './permissions.js';

/**
 * The science-data archive: today the FITS parser (`fits/`) that the CLI drives; its
 * permissions are declared so API keys and roles can carry them before its routes land.
 */
export const archiveManifest: ModuleManifest = {
  name: 'archive',
  permissions: archivePermissions,
};
