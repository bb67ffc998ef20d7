import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.js';

describe('createSecretBox', () => {
  const master = new TextEncoder().encode('m'.repeat(48));

  it('should open what it sealed, with a fresh IV each time', () => {
    const box = createSecretBox(master, 'webhooks');
    const a = box.seal('whsec_abc');
    const b = box.seal('whsec_abc');
    expect(a).not.toBe(b);
    expect(a).not.toContain('whsec_abc');
    expect(box.open(a)).toBe('whsec_abc');
  });

  it('should refuse tampered data, another purpose and another master key', () => {
    const sealed = createSecretBox(master, 'webhooks').seal('s3cret');
    const parts = sealed.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('x').toString('base64url')].join('.');
    expect(() => createSecretBox(master, 'webhooks').open(tampered)).toThrow();
    expect(() => createSecretBox(master, 'other').open(sealed)).toThrow();
    expect(() => createSecretBox(new Uint8Array(48), 'webhooks').open(sealed)).toThrow();
    expect(() => createSecretBox(master, 'webhooks').open('garbage')).toThrow(
      'not a sealed secret',
    );
  });
});
