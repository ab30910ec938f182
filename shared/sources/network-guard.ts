import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
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
  const parsed = ipaddr.parse(literal.family === 6 ? hexTail(literal.address) : literal.address);
  const blocks = parsed.kind() === 'ipv4' ? IPV4_BLOCKS : IPV6_BLOCKS;
  const block = blocks.find(({ range }) => range[0].kind() === parsed.kind() && parsed.match(range));
  if (!block) return undefined;
  if (block.reason === LOOPBACK && allowLoopback) return undefined;
  return block.reason;
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

interface Block {
  readonly range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  readonly reason: string;
}

const block = (cidr: string, reason: string): Block => ({ range: ipaddr.parseCIDR(cidr), reason });

// Most specific first: the metadata address is named before the link-local block around it.
const IPV4_BLOCKS: readonly Block[] = [
  block('169.254.169.254/32', 'cloud metadata service'),
  block('0.0.0.0/8', '"this network" address (0.0.0.0/8)'),
  block('10.0.0.0/8', 'private network (RFC 1918)'),
  block('100.64.0.0/10', 'carrier-grade NAT (100.64.0.0/10)'),
  block('127.0.0.0/8', LOOPBACK),
  block('169.254.0.0/16', 'link-local address (169.254.0.0/16)'),
  block('172.16.0.0/12', 'private network (RFC 1918)'),
  block('192.0.0.0/24', 'IETF protocol assignment (192.0.0.0/24)'),
  block('192.0.2.0/24', 'documentation address (TEST-NET-1)'),
  block('192.88.99.0/24', '6to4 relay anycast (192.88.99.0/24)'),
  block('192.168.0.0/16', 'private network (RFC 1918)'),
  block('198.18.0.0/15', 'benchmarking network (198.18.0.0/15)'),
  block('198.51.100.0/24', 'documentation address (TEST-NET-2)'),
  block('203.0.113.0/24', 'documentation address (TEST-NET-3)'),
  block('224.0.0.0/4', 'multicast address'),
  block('240.0.0.0/4', 'reserved address (240.0.0.0/4, broadcast)'),
];

const IPV6_BLOCKS: readonly Block[] = [
  block('::1/128', LOOPBACK),
  block('::/128', 'unspecified address (::)'),
  block('::ffff:0:0/96', 'IPv4-mapped IPv6 address (::ffff:0:0/96)'),
  block('::ffff:0:0:0/96', 'IPv4-translated IPv6 address (::ffff:0:0:0/96)'),
  block('::/96', 'IPv4-compatible IPv6 address (::/96)'),
  block('64:ff9b::/96', 'NAT64 address (64:ff9b::/96)'),
  block('64:ff9b:1::/48', 'NAT64 address (64:ff9b::/96)'),
  block('100::/64', 'discard-only address (100::/64)'),
  block('2001:db8::/32', 'documentation address (2001:db8::/32)'),
  block('2001::/23', 'IETF protocol assignment incl. Teredo (2001::/23)'),
  block('2002::/16', '6to4 address (2002::/16)'),
  block('fc00::/7', 'unique local address (fc00::/7)'),
  block('fe80::/10', 'link-local address (fe80::/10)'),
  block('fec0::/10', 'site-local address (fec0::/10)'),
  block('ff00::/8', 'multicast address (ff00::/8)'),
];

/**
 * `::127.0.0.1` with its IPv4 tail as two hex words: ipaddr.js reads a bare `::a.b.c.d` as
 * IPv4-mapped (`::ffff:a.b.c.d`), which would misname an IPv4-compatible address.
 */
function hexTail(address: string): string {
  return address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a, b, c, d) => {
    const word = (high: string, low: string) => (Number(high) * 256 + Number(low)).toString(16);
    return `${word(a, b)}:${word(c, d)}`;
  });
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
