import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { createTopicRegistry, topicsForEvent } from './topics.js';

const principal = (userId: string, roles: Role[]): Principal => ({
  type: 'user',
  userId,
  roles,
  permissions: permissionsOf(roles),
});

describe('createTopicRegistry', () => {
  describe('authorize', () => {
    it('should ask the authorizer of the matching pattern, with the id', async () => {
      const registry = createTopicRegistry();
      const asked: Array<string | undefined> = [];
      registry.register('courses:{id}', (_p, _t, { id }) => {
        asked.push(id);
        return id === 'c1';
      });
      const learner = principal('u1', ['learner']);
      expect(await registry.authorize(learner, 'courses:c1')).toBe('allowed');
      expect(await registry.authorize(learner, 'courses:c2')).toBe('forbidden');
      expect(asked).toEqual(['c1', 'c2']);
    });

    it('should treat names no pattern matches as unknown', async () => {
      const registry = createTopicRegistry();
      registry.register('courses', () => true);
      registry.register('courses:{id}', () => true);
      const admin = principal('a', ['admin']);
      expect(await registry.authorize(admin, 'courses:')).toBe('unknown');
      expect(await registry.authorize(admin, 'courses:1:lessons')).toBe('unknown');
      expect(await registry.authorize(admin, 'course')).toBe('unknown');
    });

    it('should accept asynchronous authorizers', async () => {
      const registry = createTopicRegistry();
      registry.register('jobs:{id}', async (p, _t, { id }) => id === `${p.userId}-job`);
      expect(await registry.authorize(principal('u', []), 'jobs:u-job')).toBe('allowed');
    });
  });

  describe('register', () => {
    it('should refuse a pattern registered twice', () => {
      const registry = createTopicRegistry();
      registry.register('users', () => true);
      expect(() => registry.register('users', () => true)).toThrow(/already registered/);
    });
  });
});

describe('topicsForEvent', () => {
  it('should list the subject, its collection and all events, most specific first', () => {
    expect(topicsForEvent({ subjectType: 'course', subjectId: '42' })).toEqual([
      'courses:42',
      'courses',
      'events:*',
    ]);
  });
});
