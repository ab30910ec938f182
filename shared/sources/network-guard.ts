import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isAllowListed } from './source-config.ts';

/**
 * Where a source fetch may connect. A sources file is configuration, but a URL in it (or a
 * redirect from it) must never reach the cloud metadata service, a private network or the
 * machine itself: only https to public addresses, unless the operator allow-lists a host, which
 * then may also use plain http and loopback (local test servers). Host names are resolved here
 * and every address checked; the caller then connects to the checked address, so a second DNS
 * answer cannot swap in a private one (DNS rebinding).
 */

export interface NetworkPolicy {
  readonly allowHosts: readonly string[];
}

export type ResolveHost = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export const resolveWithSystemDns: ResolveHost = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

export type RefusalCode = 'scheme' | 'address' | 'unresolvable';

export class DestinationRefusedError extends Error {
  override readonly name = 'DestinationRefusedError';
  constructor(
    readonly code: RefusalCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A destination that passed the guard: connect to `address`, present `hostname` for TLS. */
export interface CheckedDestination {
  readonly url: URL;
  readonly hostname: string;
  readonly address: string;
  readonly family: 4 | 6;
}

export async function checkDestination(
  url: URL,
  policy: NetworkPolicy,
  resolve: ResolveHost = resolveWithSystemDns,
): Promise<CheckedDestination> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const allowListed = isAllowListed(hostname, policy.allowHosts);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowListed)) {
    throw new DestinationRefusedError(
      'scheme',
      `${url.protocol}//${url.host} refused: only https, or http to a host listed in allowHosts`,
    );
  }
  const literal = ipLiteral(hostname);
  let addresses: { address: string; family: number }[];
  if (literal) {
    addresses = [literal];
  } else {
    try {
      addresses = [...(await resolve(hostname))];
    } catch (error) {
      throw new DestinationRefusedError('unresolvable', `cannot resolve ${hostname}`, { cause: error });
    }
    if (addresses.length === 0)
      throw new DestinationRefusedError('unresolvable', `cannot resolve ${hostname}`);
  }
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, allowListed);
    if (refusal) {
      const shown = address === hostname ? address : `${hostname} (${address})`;
      throw new DestinationRefusedError('address', `${shown} refused: ${refusal}`);
    }
  }
  const [first] = addresses as [{ address: string; family: number }];
  return { url, hostname, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * Why an address may not be contacted, or undefined when it may. Loopback is allowed only for an
 * allow-listed host; private, link-local, metadata and special-purpose ranges never.
 */
export function addressRefusal(address: string, allowLoopback = false): string | undefined {
  const literal = ipLiteral(address);
  if (!literal) return 'not an IP address';
  if (literal.family === 4) {
    const range = ipv4Range(ipv4ToNumber(literal.address));
    if (!range) return undefined;
    if (range === LOOPBACK && allowLoopback) return undefined;
    return range;
  }
  const words = ipv6Words(literal.address);
  const range = ipv6Range(words);
  if (!range) return undefined;
  if (range === LOOPBACK && allowLoopback) return undefined;
  return range;
}

/**
 * An IP literal in any spelling that resolvers accept (`127.1`, `0x7f.1`, `0177.0.0.1`,
 * `2130706433`, `[::1]`, `::ffff:127.0.0.1`), normalised; undefined for a host name.
 */
export function ipLiteral(text: string): { address: string; family: 4 | 6 } | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  const zoneless = bare.replace(/%.*$/, '');
  if (isIP(zoneless) === 6) return { address: zoneless.toLowerCase(), family: 6 };
  const value = parseLooseIpv4(bare);
  return value === undefined ? undefined : { address: numberToIpv4(value), family: 4 };
}

/** inet_aton rules: 1–4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills. */
export function parseLooseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((part) => part === '')) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = Number.parseInt(part, 8);
    else if (/^[1-9]\d*$/.test(part)) value = Number(part);
    else return undefined;
    values.push(value);
  }
  const last = values.pop() as number;
  if (values.some((value) => value > 255)) return undefined;
  if (last >= 256 ** (4 - values.length)) return undefined;
  let result = 0;
  for (const value of values) result = result * 256 + value;
  return result * 256 ** (4 - values.length) + last;
}

const LOOPBACK = 'loopback address';

interface Ipv4Block {
  readonly base: number;
  readonly bits: number;
  readonly reason: string;
}

const v4 = (cidr: string, reason: string): Ipv4Block => {
  const [base, bits] = cidr.split('/') as [string, string];
  return { base: ipv4ToNumber(base), bits: Number(bits), reason };
};

// Most specific first: the metadata address is named before the link-local block around it.
const IPV4_BLOCKS: readonly Ipv4Block[] = [
  v4('169.254.169.254/32', 'cloud metadata service'),
  v4('0.0.0.0/8', '"this network" address (0.0.0.0/8)'),
  v4('10.0.0.0/8', 'private network (RFC 1918)'),
  v4('100.64.0.0/10', 'carrier-grade NAT (100.64.0.0/10)'),
  v4('127.0.0.0/8', LOOPBACK),
  v4('169.254.0.0/16', 'link-local address (169.254.0.0/16)'),
  v4('172.16.0.0/12', 'private network (RFC 1918)'),
  v4('192.0.0.0/24', 'IETF protocol assignment (192.0.0.0/24)'),
  v4('192.0.2.0/24', 'documentation address (TEST-NET-1)'),
  v4('192.88.99.0/24', '6to4 relay anycast (192.88.99.0/24)'),
  v4('192.168.0.0/16', 'private network (RFC 1918)'),
  v4('198.18.0.0/15', 'benchmarking network (198.18.0.0/15)'),
  v4('198.51.100.0/24', 'documentation address (TEST-NET-2)'),
  v4('203.0.113.0/24', 'documentation address (TEST-NET-3)'),
  v4('224.0.0.0/4', 'multicast address'),
  v4('240.0.0.0/4', 'reserved address (240.0.0.0/4, broadcast)'),
];

function ipv4Range(value: number): string | undefined {
  for (const block of IPV4_BLOCKS) {
    const size = 2 ** (32 - block.bits);
    if (value >= block.base && value < block.base + size) return block.reason;
  }
  return undefined;
}

function ipv4ToNumber(dotted: string): number {
  return dotted.split('.').reduce((total, part) => total * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Eight 16-bit words of a valid IPv6 address (an embedded dotted IPv4 tail included). */
function ipv6Words(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const value = ipv4ToNumber(dotted[1] as string);
    text = `${text.slice(0, dotted.index)}${Math.floor(value / 65536).toString(16)}:${(value % 65536).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headWords = head === '' ? [] : head.split(':');
  const tailWords = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : new Array(8 - headWords.length - tailWords.length).fill('0');
  return [...headWords, ...fill, ...tailWords].map((word) => Number.parseInt(word, 16));
}

function ipv6Range(words: readonly number[]): string | undefined {
  const w = (index: number) => words[index] ?? 0;
  const zeroUpTo = (count: number) => words.slice(0, count).every((word) => word === 0);
  if (zeroUpTo(7) && w(7) === 1) return LOOPBACK;
  if (zeroUpTo(8)) return 'unspecified address (::)';
  if (zeroUpTo(5) && w(5) === 0xffff) return 'IPv4-mapped IPv6 address (::ffff:0:0/96)';
  if (zeroUpTo(4) && w(4) === 0xffff && w(5) === 0) return 'IPv4-translated IPv6 address (::ffff:0:0:0/96)';
  if (zeroUpTo(6)) return 'IPv4-compatible IPv6 address (::/96)';
  if (w(0) === 0x64 && w(1) === 0xff9b && (w(2) === 0 || w(2) === 1)) return 'NAT64 address (64:ff9b::/96)';
  if (w(0) === 0x100 && w(1) === 0 && w(2) === 0 && w(3) === 0) return 'discard-only address (100::/64)';
  if (w(0) === 0x2001 && w(1) === 0x0db8) return 'documentation address (2001:db8::/32)';
  if (w(0) === 0x2001 && w(1) < 0x200) return 'IETF protocol assignment incl. Teredo (2001::/23)';
  if (w(0) === 0x2002) return '6to4 address (2002::/16)';
  if ((w(0) & 0xfe00) === 0xfc00) return 'unique local address (fc00::/7)';
  if ((w(0) & 0xffc0) === 0xfe80) return 'link-local address (fe80::/10)';
  if ((w(0) & 0xffc0) === 0xfec0) return 'site-local address (fec0::/10)';
  if ((w(0) & 0xff00) === 0xff00) return 'multicast address (ff00::/8)';
  return undefined;
}
