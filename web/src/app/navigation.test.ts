import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation';

const labels = (roles?: string[]) => navigationFor(roles).map((item) => item.label);

describe('navigationFor', () => {
  it('should offer the catalog and sign-in to a visitor', () => {
    expect(labels()).toEqual(['Catalog', 'Sign in']);
  });
  it('should give a learner their courses but no administration', () => {
    expect(labels(['learner'])).toEqual(['Catalog', 'My courses']);
  });
  it('should give staff administration but not teaching', () => {
    expect(labels(['staff'])).toEqual(['Catalog', 'My courses', 'Administration']);
  });
  it('should give an admin every area', () => {
    expect(labels(['admin'])).toEqual(['Catalog', 'My courses', 'Teaching', 'Administration']);
  });
});
