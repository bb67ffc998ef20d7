import { describe, expect, it } from 'vitest';
import { checkTarget, isBlockedAddress, parseAllowHosts } from './ssrf-guard.js';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:a9fe:a9fe',
    '::7f00:1',
    '::127.0.0.1',
    '::a00:1',
    '::8.8.8.8',
    'fec0::1',
    'feff::1',
    '64:ff9b::7f00:1',
    '64:ff9b::8.8.8.8',
    '64:ff9b:1::1',
    '2002:7f00:1::1',
    '2002:a9fe:a9fe::',
    '100::1',
    'not-an-ip',
  ])('should block %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '2002:808:808::1',
    '2a00:1450:4001::200e',
  ])('should allow public %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });
});

describe('checkTarget', () => {
  const none = { allowHosts: [] };

  it('should refuse bad shapes', async () => {
    expect(await checkTarget('ftp://example.org/x', none)).toMatch(/http or https/);
    expect(await checkTarget('https://u:p@example.org/x', none)).toMatch(/credentials/);
    expect(await checkTarget('nope', none)).toMatch(/valid URL/);
  });

  it('should refuse literal and resolved private addresses', async () => {
    expect(await checkTarget('http://127.0.0.1:8080/hook', none)).toMatch(/private or reserved/);
    expect(await checkTarget('http://[::1]/hook', none)).toMatch(/private or reserved/);
    expect(await checkTarget('http://localhost/hook', none)).toMatch(/resolves to/);
    for (const literal of ['[::7f00:1]', '[::ffff:7f00:1]', '[fec0::1]', '[64:ff9b::a00:1]'])
      expect(await checkTarget(`http://${literal}/hook`, none), literal).toMatch(/private/);
  });

  it('should not tell what a refused name resolves to', async () => {
    const refusal = await checkTarget('http://localhost/hook', none);
    expect(refusal).toBe('localhost resolves to a private or reserved address');
  });

  it('should allow hosts listed in WEBHOOK_ALLOW_HOSTS', async () => {
    const policy = { allowHosts: parseAllowHosts(' 127.0.0.1 , hooks.internal:8443') };
    expect(await checkTarget('http://127.0.0.1:9999/hook', policy)).toBeNull();
    expect(await checkTarget('http://[::1]/hook', policy)).toMatch(/private/);
  });
});
