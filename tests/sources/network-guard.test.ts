import { describe, expect, it } from 'vitest';
import {
  addressRefusal,
  checkDestination,
  DestinationRefusedError,
  ipLiteral,
  type NetworkPolicy,
  parseLooseIpv4,
  type ResolveHost,
} from '../../shared/sources/network-guard.ts';

const noAllowList: NetworkPolicy = { allowHosts: [] };
const localAllowList: NetworkPolicy = { allowHosts: ['127.0.0.1', 'localhost'] };

/** A resolver that answers from a table, as a hostile DNS server could. */
function fakeDns(table: Record<string, string[]>): ResolveHost {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

async function refusal(url: string, policy = noAllowList, dns: ResolveHost = fakeDns({})): Promise<string> {
  try {
    await checkDestination(new URL(url), policy, dns);
  } catch (error) {
    expect(error).toBeInstanceOf(DestinationRefusedError);
    return (error as DestinationRefusedError).message;
  }
  throw new Error(`${url} was allowed`);
}

describe('addressRefusal: every forbidden class of address', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['169.254.169.254', 'metadata'],
    ['169.254.10.10', 'link-local'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.5', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd00:ec2::254', 'unique local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:169.254.169.254', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['64:ff9b::a9fe:a9fe', 'NAT64'],
    ['64:ff9b:1::1', 'NAT64'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'Teredo'],
    ['2001:db8::1', 'documentation'],
  ])('%s is refused (%s)', (address, expected) => {
    expect(addressRefusal(address)).toContain(expected);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.128.0.1',
    '172.32.0.1',
    '169.255.0.1',
    '2606:4700::1111',
    '2a00:1450::1',
  ])('%s (public) is allowed', (address) => {
    expect(addressRefusal(address)).toBeUndefined();
  });

  it('allows loopback only when the caller says the host is allow-listed', () => {
    expect(addressRefusal('127.0.0.1', true)).toBeUndefined();
    expect(addressRefusal('::1', true)).toBeUndefined();
    // An allow-listed host still cannot reach private or metadata addresses.
    expect(addressRefusal('169.254.169.254', true)).toContain('metadata');
    expect(addressRefusal('10.0.0.1', true)).toContain('RFC 1918');
    expect(addressRefusal('::ffff:127.0.0.1', true)).toContain('IPv4-mapped');
  });
});

describe('odd IPv4 spellings are read as resolvers read them', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['0251.0376.0251.0376', '169.254.169.254'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['[::1]', '::1'],
  ])('%s is %s', (spelling, normalised) => {
    expect(ipLiteral(spelling)?.address).toBe(normalised);
  });

  it.each(['localhost', 'example.org', '256.1.1.1', '1.2.3.4.5', '08.1.1.1', '1..1', '0x1g'])(
    '%s is not an IPv4 literal',
    (text) => {
      expect(parseLooseIpv4(text)).toBeUndefined();
    },
  );
});

describe('checkDestination', () => {
  const publicDns = fakeDns({ 'data.example.vn': ['203.113.1.10'] });

  it('accepts https to a public host and pins the checked address', async () => {
    const destination = await checkDestination(
      new URL('https://data.example.vn/a.json'),
      noAllowList,
      fakeDns({
        'data.example.vn': ['8.8.4.4', '2606:4700::1111'],
      }),
    );
    expect(destination.address).toBe('8.8.4.4');
    expect(destination.hostname).toBe('data.example.vn');
  });

  it('refuses plain http unless the host is allow-listed', async () => {
    expect(await refusal('http://data.example.vn/a.json', noAllowList, publicDns)).toContain('only https');
    await expect(checkDestination(new URL('http://127.0.0.1:8080/'), localAllowList)).resolves.toMatchObject({
      address: '127.0.0.1',
    });
  });

  it('refuses other schemes outright', async () => {
    expect(await refusal('ftp://data.example.vn/a.csv', localAllowList)).toContain('only https');
    expect(await refusal('file:///etc/passwd', localAllowList)).toContain('only https');
  });

  it.each([
    'https://169.254.169.254/latest/meta-data/',
    'https://[fd00:ec2::254]/latest/meta-data/',
    'https://2130706433/',
    'https://0177.0.0.1/',
    'https://0x7f.1/',
    'https://127.1/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://10.0.0.1/',
    'https://100.64.1.1/',
    'https://[fe80::1]/',
    'https://[64:ff9b::7f00:1]/',
    'https://0.0.0.0/',
  ])('refuses %s', async (url) => {
    expect(await refusal(url)).toContain('refused');
  });

  it('refuses a host name when any of its addresses is forbidden', async () => {
    const dns = fakeDns({ 'rebind.example': ['8.8.8.8', '169.254.169.254'] });
    expect(await refusal('https://rebind.example/', noAllowList, dns)).toContain(
      'rebind.example (169.254.169.254)',
    );
  });

  it('refuses a public-looking name that resolves to loopback or a private address', async () => {
    const dns = fakeDns({ 'evil.example': ['127.0.0.1'], 'intranet.example': ['192.168.0.10'] });
    expect(await refusal('https://evil.example/', noAllowList, dns)).toContain('loopback');
    expect(await refusal('https://intranet.example/', localAllowList, dns)).toContain('RFC 1918');
  });

  it('lets an allow-listed name reach loopback, and only loopback among the special ranges', async () => {
    const dns = fakeDns({ localhost: ['127.0.0.1', '::1'], 'lab.local': ['10.0.0.5'] });
    await expect(
      checkDestination(new URL('http://localhost:9/'), localAllowList, dns),
    ).resolves.toMatchObject({
      address: '127.0.0.1',
    });
    expect(await refusal('http://lab.local/', { allowHosts: ['lab.local'] }, dns)).toContain('RFC 1918');
  });

  it('an allow-listed 127.0.0.1 does not open the rest of 127/8', async () => {
    expect(await refusal('http://127.0.0.2:8080/', localAllowList)).toContain('only https');
    expect(await refusal('https://127.0.0.2:8080/', localAllowList)).toContain('loopback');
  });

  it('reports an unresolvable host as such', async () => {
    await expect(
      checkDestination(new URL('https://nowhere.invalid/'), noAllowList, fakeDns({})),
    ).rejects.toMatchObject({
      code: 'unresolvable',
    });
  });
});
