import type { ModuleManifest } from '#platform/module-contract/index.js';
import { archiveManifest } from './archive/index.js';
import { arenaManifest } from './arena/index.js';
import { catalogManifest } from './catalog/index.js';
import { engagementManifest } from './engagement/index.js';
import { lrsManifest } from './lrs/index.js';
import { timetablingManifest } from './timetabling/index.js';

/** Every domain module, in registration order. Adding a module is one line here. */
export const appModules: readonly ModuleManifest[] = [
  catalogManifest,
  timetablingManifest,
  engagementManifest,
  archiveManifest,
  lrsManifest,
  arenaManifest,
];
