import Fastify from 'fastify';
import { Type } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogManifest } from '#modules/catalog/index.js';
import { appModules } from '#modules/index.js';
import { definePermissions, permissionsOf, permissionsOfRole } from '#platform/auth/permissions.js';
import { loadConfig } from '#platform/config/index.js';
import { defineEvents } from '#platform/events/index.js';
import type { GdprHooks } from '#platform/gdpr/hooks.js';
import {
  gdprHooks,
  type ModuleManifest,
  mergeEventTypes,
  mergePermissions,
  usePermissions,
} from '#platform/module-contract/index.js';
import { buildApp } from '../../src/app.js';

// What the roles held when every permission was listed in platform/auth/permissions.ts.
const LEARNER = ['courses:read', 'enrolments:create', 'timetables:read', 'archive:read'];
const INSTRUCTOR = [
  ...LEARNER,
  'courses:create',
  'courses:manage',
  'engagement:read',
  'archive:upload',
];
const STAFF = [
  ...INSTRUCTOR,
  'users:read',
  'courses:manage_any',
  'enrolments:read_any',
  'timetables:manage',
  'engagement:manage',
  'archive:manage',
  'jobs:read',
  // Added since the move, by the learning record store (lrs module).
  'xapi:read',
  'xapi:write',
];
const ALL = [
  'account:read',
  'account:manage',
  'learning:read',
  'users:read',
  'users:manage',
  'roles:manage',
  'audit:read',
  'apikeys:manage',
  'sessions:manage',
  'jobs:read',
  'jobs:manage',
  'events:read',
  'webhooks:manage',
  'llm:read',
  'courses:read',
  'courses:create',
  'courses:manage',
  'courses:manage_any',
  'enrolments:create',
  'enrolments:read_any',
  'timetables:read',
  'timetables:manage',
  'engagement:read',
  'engagement:manage',
  'archive:read',
  'archive:upload',
  'archive:manage',
  'xapi:read',
  'xapi:write',
];
const OWN = ['account:read', 'account:manage', 'learning:read'];

const intruder = (manifest: Partial<ModuleManifest>): ModuleManifest => ({
  name: 'intruder',
  ...manifest,
});

describe('module permissions', () => {
  afterAll(() => usePermissions(appModules));

  it('should give every role the same permissions as before they moved into the modules (plus the scopes of the LRS)', () => {
    usePermissions(appModules);
    expect(new Set(permissionsOfRole('learner'))).toEqual(new Set(LEARNER));
    expect(new Set(permissionsOfRole('instructor'))).toEqual(new Set(INSTRUCTOR));
    expect(new Set(permissionsOfRole('staff'))).toEqual(new Set(STAFF));
    expect(new Set(permissionsOfRole('admin'))).toEqual(new Set(ALL));
    expect(permissionsOf(['learner', 'staff'])).toEqual(new Set([...OWN, ...STAFF]));
  });

  it('should refuse a permission declared by two owners, naming both', () => {
    const taken = definePermissions({ owner: 'intruder', names: ['courses:read'], grants: {} });
    expect(() => mergePermissions([catalogManifest, intruder({ permissions: taken })])).toThrow(
      'Permission "courses:read" is declared by both catalog and intruder',
    );
    const platform = definePermissions({ owner: 'intruder', names: ['users:read'], grants: {} });
    expect(() => mergePermissions([intruder({ permissions: platform })])).toThrow(
      /"users:read" is declared by both platform and intruder/,
    );
  });

  it('should stop buildApp before it opens anything when two modules declare one permission', async () => {
    const taken = definePermissions({ owner: 'intruder', names: ['archive:read'], grants: {} });
    await expect(
      buildApp({
        config: loadConfig({ NODE_ENV: 'test' }),
        modules: [...appModules, intruder({ permissions: taken })],
      }),
    ).rejects.toThrow(/"archive:read" is declared by both archive and intruder/);
  });
});

describe('module event catalogues', () => {
  it('should refuse an event type declared twice', () => {
    const events = defineEvents({
      'course.published': { description: 'again', subjectType: 'course', data: Type.Object({}) },
    });
    expect(() => mergeEventTypes([catalogManifest, intruder({ events })])).toThrow(
      'Event type "course.published" is declared by both catalog and intruder',
    );
  });
});

describe(gdprHooks.name, () => {
  it('should list the hooks of the modules that have them, by module name', () => {
    const hooks: GdprHooks = { export: async () => ({}), erase: async () => {} };
    expect(gdprHooks([intruder({}), intruder({ name: 'holder', gdpr: hooks })])).toEqual([
      { module: 'holder', hooks },
    ]);
  });
});

describe('plugin dependencies', () => {
  it('should fail to start a module registered before the platform plugins it needs', async () => {
    const app = Fastify();
    await expect(app.register(catalogManifest.plugin!)).rejects.toThrow(
      /dependency 'lectern-http'/,
    );
    await app.close();
  });
});
