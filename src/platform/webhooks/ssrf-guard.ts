import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may never reach: private, loopback, link-local, and other special ranges. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  // Unspecified, loopback and the deprecated IPv4-compatible addresses (`::7f00:1` is 127.0.0.1).
  ['::', 96],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  // Site-local: deprecated, but still routed inside some networks.
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  // NAT64 (well-known and local-use prefixes): a gateway turns these into any IPv4 address.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted tail converted). */
function hextets(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - first.length - last.length).fill('0');
  return [...first, ...zeros, ...last].map((group) => Number.parseInt(group, 16));
}

const dottedQuad = (high: number, low: number) =>
  [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

/** The IPv4 address an IPv6 address carries: IPv4-mapped `::ffff:0:0/96` and 6to4 `2002::/16`. */
function embeddedIPv4(groups: number[]): string | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff)
    return dottedQuad(g6, g7);
  if (g0 === 0x2002) return dottedQuad(g1, g2);
  return null;
}

/** True for addresses outside the public internet; IPv4 inside IPv6 is checked as IPv4 too. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family !== 6) return true;
  const bare = address.replace(/%.*$/, '');
  const inner = embeddedIPv4(hextets(bare));
  if (inner !== null && BLOCKED.check(inner, 'ipv4')) return true;
  return BLOCKED.check(bare, 'ipv6');
}

export interface TargetPolicy {
  /** Hosts (`name` or `name:port`) exempt from the address check, from WEBHOOK_ALLOW_HOSTS. */
  allowHosts: readonly string[];
}

export const parseAllowHosts = (value: string): string[] =>
  value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

function isAllowListed(url: URL, policy: TargetPolicy): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return policy.allowHosts.some(
    (h) => h === host || h === `${host}:${url.port}` || h === url.host.toLowerCase(),
  );
}

/** Why a webhook URL is unacceptable before any DNS lookup, or null when its shape is fine. */
export function checkUrlShape(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use http or https';
  if (url.username || url.password) return 'must not contain credentials';
  return null;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request` that refuses blocked addresses at connect time, so a host that
 * resolves to a public address when registered and to 127.0.0.1 later (DNS rebinding) is
 * still refused.
 */
export function guardedLookup(url: URL, policy: TargetPolicy) {
  const exempt = isAllowListed(url, policy);
  return (
    hostname: string,
    options: { all?: boolean; family?: number },
    callback: LookupCallback,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isBlockedAddress(a.address));
      if (bad && !exempt) {
        // The address stays out of the message: it ends up on the delivery, shown to the caller.
        const error: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to a private or reserved address`,
        );
        error.code = 'ESSRFBLOCKED';
        return callback(error, []);
      }
      if (options.all) return callback(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** Resolves a webhook URL now and says why it is refused, or null when it may be used. */
export async function checkTarget(raw: string, policy: TargetPolicy): Promise<string | null> {
  const shape = checkUrlShape(raw);
  if (shape) return shape;
  const url = new URL(raw);
  if (isAllowListed(url, policy)) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isBlockedAddress(host) ? `${host} is a private or reserved address` : null;
  return new Promise((resolve) => {
    dnsLookup(host, { all: true }, (err, addresses) => {
      if (err) return resolve(`${host} does not resolve (${err.code ?? err.message})`);
      const bad = (addresses as LookupAddress[]).find((a) => isBlockedAddress(a.address));
      // Not the address itself: the refusal would tell the caller what an internal name resolves to.
      resolve(bad ? `${host} resolves to a private or reserved address` : null);
    });
  });
}
