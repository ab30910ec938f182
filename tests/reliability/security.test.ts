import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../shared/adapters/open-store.ts';
import { csvCell } from '../../shared/digest/render-csv.ts';
import { logger } from '../../shared/logger.ts';
import type { MessageContext, MessageItem } from '../../shared/messages/message-item.ts';
import { NO_LINKS } from '../../shared/messages/message-links.ts';
import { renderSms } from '../../shared/messages/sms-message.ts';
import { measureSms } from '../../shared/messages/sms-segments.ts';
import { maskContactsInText } from '../../shared/pii-mask.ts';
import { csvRecords } from '../../shared/snapshots/csv-records.ts';
import { createHttpFetcher, redirectTarget, SourceFetchError } from '../../shared/sources/http-fetcher.ts';
import {
  addressRefusal,
  checkDestination,
  DestinationRefusedError,
  ipLiteral,
  type ResolveHost,
} from '../../shared/sources/network-guard.ts';
import { result } from '../alerts/support/fixture.ts';
import { redirect, type SourceServer, serve, startSourceServer } from '../sources/source-server.ts';
import { knownContacts, scanCapturedLogs } from '../support/log-scan-global.ts';
import { type MotoServer, startMoto } from '../support/moto.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { runCli, runCliAsync } from '../support/run-cli.ts';

/**
 * Security properties that cut across modules. The SSRF guard never needs a forbidden address to
 * exist: it refuses before connecting, and where a test follows a real request it only ever
 * reaches loopback (a refused rebinding answer here is ::ffff:127.0.0.1, still this machine).
 */

const CATALOG = join(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');

// ---------------------------------------------------------------------------------------------
// SSRF

function fakeDns(table: Record<string, string[]>): ResolveHost {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

async function refusalOf(url: string, resolve?: ResolveHost, allowHosts: string[] = []): Promise<string> {
  const error = await checkDestination(new URL(url), { allowHosts }, resolve).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof DestinationRefusedError)) throw new Error(`${url} was not refused`);
  return error.message;
}

/** Forbidden IPv4 blocks: [first address as a number, size]. */
const FORBIDDEN_V4: readonly [string, number, number][] = [
  ['loopback', 0x7f000000, 2 ** 24],
  ['RFC 1918', 0x0a000000, 2 ** 24],
  ['RFC 1918', 0xac100000, 2 ** 20],
  ['RFC 1918', 0xc0a80000, 2 ** 16],
  ['link-local', 0xa9fe0000, 2 ** 16],
  ['carrier-grade NAT', 0x64400000, 2 ** 22],
  ['"this network"', 0, 2 ** 24],
];

/** One IPv4 address spelled as inet_aton reads it: 1–4 parts, each decimal, octal or hex. */
const looseSpelling = (value: number) =>
  fc
    .record({
      parts: fc.integer({ min: 1, max: 4 }),
      radixes: fc.array(fc.constantFrom(10, 8, 16), { minLength: 4, maxLength: 4 }),
    })
    .map(({ parts, radixes }) => {
      const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
      const head = bytes.slice(0, parts - 1);
      const tail = bytes.slice(parts - 1).reduce((total, byte) => total * 256 + byte, 0);
      return [...head, tail]
        .map((part, index) => {
          const radix = radixes[index] ?? 10;
          if (radix === 16) return `0x${part.toString(16)}`;
          if (radix === 8) return `0${part.toString(8)}`;
          return String(part);
        })
        .join('.');
    });

const forbiddenIpv4 = fc
  .constantFrom(...FORBIDDEN_V4)
  .chain(([name, base, size]) =>
    fc.integer({ min: 0, max: size - 1 }).map((offset) => ({ name, value: base + offset })),
  );

function dotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

describe('SSRF guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.20.30.40', 'RFC 1918'],
    ['172.20.1.1', 'RFC 1918'],
    ['192.168.10.1', 'RFC 1918'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd12:3456::1', 'unique local'],
    ['fc00::1', 'unique local'],
    ['fe80::1%eth0', 'link-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped'],
    ['::1', 'loopback'],
  ])('refuses a public-looking host name that resolves to %s (%s)', async (address, reason) => {
    const dns = fakeDns({ 'data.example.vn': ['203.113.1.10', address.replace(/%.*$/, '')] });
    expect(await refusalOf('https://data.example.vn/snapshots.json', dns)).toContain(reason);
  });

  it('refuses "localhost" through the real resolver unless it is allow-listed', async () => {
    expect(await refusalOf('https://localhost/snapshots.json')).toContain('loopback');
    expect(await refusalOf('http://localhost:8080/')).toContain('only https');
  });

  it('refuses every address of the forbidden IPv4 blocks, whatever its spelling', async () => {
    await fc.assert(
      fc.asyncProperty(
        forbiddenIpv4.chain((target) =>
          looseSpelling(target.value).map((spelling) => ({ ...target, spelling })),
        ),
        async ({ name, value, spelling }) => {
          expect(ipLiteral(spelling)?.address).toBe(dotted(value));
          expect(addressRefusal(spelling)).toBeDefined();
          // The URL parser reads the same spellings; the guard sees the address, not the text.
          expect(await refusalOf(`https://${spelling}/x.json`, fakeDns({}))).toMatch(
            name === 'link-local' ? /link-local|metadata/ : new RegExp(name.replace(/"/g, '')),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses every unique-local, link-local and IPv4-mapped IPv6 address, in either notation', async () => {
    const word = fc.integer({ min: 0, max: 0xffff }).map((value) => value.toString(16));
    const ula = fc
      .tuple(fc.integer({ min: 0xfc00, max: 0xfdff }), fc.array(word, { minLength: 7, maxLength: 7 }))
      .map(([first, rest]) => [first.toString(16), ...rest].join(':'));
    const linkLocal = fc
      .tuple(fc.integer({ min: 0xfe80, max: 0xfebf }), fc.array(word, { minLength: 1, maxLength: 3 }))
      .map(([first, rest]) => `${first.toString(16)}::${rest.join(':')}`);
    const mapped = forbiddenIpv4.chain(({ value }) =>
      fc.constantFrom(
        `::ffff:${dotted(value)}`,
        `::ffff:${Math.floor(value / 65536).toString(16)}:${(value % 65536).toString(16)}`,
        `0:0:0:0:0:ffff:${dotted(value)}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(ula, linkLocal, mapped), async (address) => {
        expect(addressRefusal(address)).toBeDefined();
        expect(addressRefusal(address, true)).toBeDefined();
        expect(await refusalOf(`https://[${address}]/`, fakeDns({}))).toContain('refused');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses redirects to another origin (host, port or scheme), a private or metadata address, or from https to http', () => {
    const from = new URL('https://data.example.vn/export?token=abc');
    for (const location of [
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://0x7f.1/x',
      '//evil.example/x',
      'https://data.example.vn.evil.example/x',
      'https://evil.example@169.254.169.254/x',
      'https://data.example.vn:8443/x',
      'https://data.example.vn:0/x',
    ]) {
      expect(() => redirectTarget(from, location), location).toThrow(/another origin/);
    }
    expect(() => redirectTarget(from, 'http://data.example.vn/x')).toThrow(/to http: refused/);
    expect(redirectTarget(from, '/next?page=2').href).toBe('https://data.example.vn/next?page=2');
  });

  describe('against a loopback server', () => {
    let server: SourceServer;
    beforeAll(async () => {
      server = await startSourceServer();
      server.route('/start', redirect('/next'));
      server.route('/next', serve('{"snapshots": []}'));
    });
    afterAll(() => server.close());

    it('checks every hop again: a same-host redirect whose second DNS answer is forbidden is refused', async () => {
      const answers = [['127.0.0.1'], ['::ffff:127.0.0.1']];
      const fetch = createHttpFetcher({
        policy: { allowHosts: ['portal.test'] },
        retry: { maxAttempts: 1 },
        resolve: async () =>
          (answers.shift() ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      });
      const failure = await fetch({
        url: `http://portal.test:${server.port}/start`,
        timeoutMs: 2_000,
        maxBytes: 10_000,
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SourceFetchError);
      expect(failure).toMatchObject({ reason: 'refused' });
      expect((failure as Error).message).toContain('IPv4-mapped');
      expect(server.hits('/start')).toBe(1);
      expect(server.hits('/next')).toBe(0);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Secrets: the auth header value never reaches logs, run records or any item of the table

const SSM_SECRET = 'Bearer ssm-9Qx7LkP2vT';
const SM_SECRET = 'sm-key-R4nd0mZ8wY';

describe('source secrets stay secret (invoke ingest against moto SSM, Secrets Manager and DynamoDB)', () => {
  const TABLE = 'dtwatch-security';
  let moto: MotoServer;
  let server: SourceServer;
  let folder: string;
  let run: Awaited<ReturnType<typeof runCliAsync>>;
  let items: string;

  /** Behaves like a careless portal: echoes the auth header it got into a broken body. */
  const echoBroken = (request: IncomingMessage, response: import('node:http').ServerResponse) => {
    const body = `{"snapshots": [ ${request.headers.authorization ?? ''} ]`;
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };

  beforeAll(async () => {
    moto = await startMoto();
    const ssm = new SSMClient(moto.clientConfig);
    const secretsManager = new SecretsManagerClient(moto.clientConfig);
    const dynamo = new DynamoDBClient(moto.clientConfig);
    await ssm.send(
      new PutParameterCommand({ Name: '/dtwatch/portal-token', Value: SSM_SECRET, Type: 'SecureString' }),
    );
    await secretsManager.send(
      new CreateSecretCommand({ Name: 'dtwatch/stats-key', SecretString: SM_SECRET }),
    );
    await ensureTable(dynamo, TABLE);

    server = await startSourceServer();
    const rows = [
      { unit: '42', indicator: 'work-records-online', date: '2024-12-31', value: 71 },
      { unit: 'no-such-unit', indicator: 'work-records-online', date: '2024-12-31', value: 5 },
    ];
    server.route('/good.json', serve(JSON.stringify({ snapshots: rows })));
    server.route(
      '/good.csv',
      serve('unit,indicator,date,value\n42,work-records-online,2025-06-30,75\n', 'text/csv'),
    );
    server.route('/down.json', (_request, response) => response.writeHead(503).end(SSM_SECRET));
    server.route('/echo.json', echoBroken);
    server.route('/away', redirect(`http://localhost:${server.port}/elsewhere.json`));
    server.route('/elsewhere.json', serve('[]'));

    folder = mkdtempSync(join(tmpdir(), 'dtwatch-secrets-'));
    const ssmAuth = { header: 'Authorization', secret: { ssmParameter: '/dtwatch/portal-token' } };
    const sources = {
      programme: 'ha-tinh-nq05',
      allowHosts: ['127.0.0.1', 'localhost'],
      sources: [
        { id: 'portal', kind: 'http-json', url: `${server.origin}/good.json?key=q-s3cr3t`, auth: ssmAuth },
        {
          id: 'stats',
          kind: 'http-csv',
          url: `${server.origin}/good.csv`,
          auth: { header: 'X-Api-Key', secret: { secretsManager: 'dtwatch/stats-key' } },
        },
        { id: 'down', kind: 'http-json', url: `${server.origin}/down.json`, auth: ssmAuth },
        { id: 'echo', kind: 'http-json', url: `${server.origin}/echo.json`, auth: ssmAuth },
        { id: 'away', kind: 'http-json', url: `${server.origin}/away`, auth: ssmAuth },
      ],
    };
    writeFileSync(join(folder, 'sources.json'), JSON.stringify(sources, null, 2));
    writeFileSync(join(folder, 'event.json'), JSON.stringify({ programme: 'ha-tinh-nq05' }));

    run = await runCliAsync(['invoke', 'ingest', '--event', join(folder, 'event.json')], {
      ...moto.env,
      DTWATCH_TABLE: TABLE,
      DTWATCH_CATALOGS: JSON.stringify({ 'ha-tinh-nq05': CATALOG }),
      DTWATCH_SOURCES: JSON.stringify({ 'ha-tinh-nq05': join(folder, 'sources.json') }),
      LOG_LEVEL: 'DEBUG',
    });
    const scanned: unknown[] = [];
    for await (const page of paginateScan({ client: dynamo }, { TableName: TABLE })) {
      scanned.push(...(page.Items ?? []));
    }
    items = JSON.stringify(scanned);
    ssm.destroy();
    secretsManager.destroy();
    dynamo.destroy();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await moto?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('resolved both secrets and sent them to the sources that asked for them', () => {
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sources: 5, failedSources: 3 });
    expect(server.lastHeaders('/good.json')?.authorization).toBe(SSM_SECRET);
    expect(server.lastHeaders('/good.csv')?.['x-api-key']).toBe(SM_SECRET);
    // The redirect to another origin was refused before the header could follow it.
    expect(server.hits('/elsewhere.json')).toBe(0);
  });

  it('the table holds run records and quarantined rows, and neither secret nor query token', () => {
    expect(items).toContain('no-such-unit');
    expect(items).toMatch(/invalid JSON/);
    for (const secret of [SSM_SECRET, SM_SECRET, 'ssm-9Qx7LkP2vT', 'q-s3cr3t'])
      expect(items).not.toContain(secret);
  });

  it('no log line or output of the run carries a secret', () => {
    expect(run.stderr).toMatch(/"level":"(?:INFO|DEBUG)"/);
    for (const secret of [SSM_SECRET, SM_SECRET, 'ssm-9Qx7LkP2vT', 'q-s3cr3t']) {
      expect(run.stderr).not.toContain(secret);
      expect(run.stdout).not.toContain(secret);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// PII masking: what the suite-wide log scan (tests/support/log-scan-global.ts) relies on

describe('contact details are masked on their way to a log', () => {
  const contacts = knownContacts().filter((contact) => contact.includes('@') || contact.startsWith('+'));

  it('maskContactsInText leaves no phone number or known e-mail address in any text', () => {
    expect(contacts.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...contacts), fc.string({ maxLength: 12 })), { maxLength: 8 }),
        fc.constantFrom(' ', ', ', ';', '\n', '"', '<', '(', ': '),
        (parts, separator) => {
          const masked = maskContactsInText(parts.join(separator));
          const folder = mkdtempSync(join(tmpdir(), 'dtwatch-mask-'));
          try {
            writeFileSync(join(folder, 'masked.stderr.log'), masked);
            expect(scanCapturedLogs(folder, contacts)).toEqual([]);
          } finally {
            rmSync(folder, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the Powertools logger masks every string it writes, nested ones included', () => {
    const written: string[] = [];
    const original = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      logger.info('sent to +84900000001', {
        recipient: 'head-42@example.com',
        nested: { list: ['0912 345 678', { phone: '+84 900 000 002' }] },
      });
    } finally {
      process.stdout.write = original;
    }
    const line = written.join('');
    expect(line).toContain('"level":"INFO"');
    expect(line).not.toMatch(/\+84900000001|head-42@|0912 345 678|\+84 900 000 002/);
    expect(line).toContain('+8490****001');
  });
});

// ---------------------------------------------------------------------------------------------
// Injection: CSV export, SMS text, terminal output

describe('injection', () => {
  it('a CSV export cell reads back as the same text, and never as a formula', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc
        .tuple(
          fc.constantFrom('', ' ', '  ', '\t', '\r', '\n'),
          fc.constantFrom('=', '+', '-', '@', '\t', '\r', '"', ','),
          fc.string({ maxLength: 20 }),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (value) => {
        const cell = csvCell(value);
        const records = [...csvRecords(`${cell},end\r\n`, ',')];
        expect(records).toHaveLength(1);
        const [field, end] = records[0]?.fields ?? [];
        expect(end).toBe('end');
        expect([value, `'${value}`]).toContain(field);
        // Whatever a spreadsheet trims first, what follows is never a formula trigger.
        expect(field?.replace(/^\s+/, '')).not.toMatch(/^[=+\-@]/);
        if (/^[\t\r]/.test(value)) expect(field).toBe(`'${value}`);
      }),
      { numRuns: 500 },
    );
  });

  const context: MessageContext = {
    language: 'vi',
    programmeId: 'ha-tinh-nq05',
    programmeName: 'Chuyển đổi số Hà Tĩnh',
    programmeShortName: 'NQ 05-NQ/TU',
    today: '2026-11-22',
    respondBy: '2026-11-29',
    emailItemLimit: 10,
    links: NO_LINKS,
  };
  const recipientName = 'Giám đốc\nSở A +84900000001';

  function item(unitName: string, indicatorName: string): MessageItem {
    const { unit: _unit, indicator: _indicator, ...snapshot } = result('so-a', 'behind');
    return {
      event: 'opened',
      kind: 'behind',
      audience: 'responsible',
      level: 0,
      unitId: 'so-a',
      unitName,
      ancestors: [],
      branch: { id: 'so-a', name: unitName },
      indicatorId: 'ho-so',
      indicatorName,
      indicatorShortName: indicatorName,
      measure: '%',
      snapshot,
      openedOn: '2026-11-22',
      raisedOn: '2026-11-22',
      informed: [],
    };
  }

  it('names with control characters, line breaks or URLs cannot break or extend the SMS', () => {
    const hostile = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '\n',
            '\r\n',
            '\u0000',
            '\u001b[2J',
            '\u0007',
            '\u2028',
            '\u202e',
            '\u200b',
            '\f',
            '\t',
            'https://evil.example/pay?x=1',
            'Gọi 0912345678 ngay',
            'dtwatch: 0 cảnh báo.',
            'STOP',
          ),
          fc.string({ unit: 'binary', maxLength: 12 }),
        ),
        { minLength: 1, maxLength: 6 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        hostile,
        hostile,
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (unitName, indicatorName, maxSegments, keepDiacritics) => {
          const recipient = { name: recipientName, place: unitName, unit: 'so-a', address: '+84900000001' };
          const sms = renderSms(context, recipient, [item(unitName, indicatorName)], {
            maxSegments,
            keepDiacritics,
            pointToEmail: true,
          });
          // One line, no control or invisible formatting characters, the template's own opening.
          expect(sms).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u);
          expect(sms.startsWith('Ngay 22/11/2026') || sms.startsWith('Ngày 22/11/2026')).toBe(true);
          expect(sms.endsWith('.')).toBe(true);
          expect(measureSms(sms).segments).toBeLessThanOrEqual(maxSegments);
          // The recipient's own name and number are never part of an SMS.
          expect(sms).not.toContain('Giám đốc');
          expect(sms).not.toContain('+84900000001');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('received data cannot drive the terminal: escape sequences come out spelled, on stderr and stdout', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dtwatch-terminal-'));
    try {
      const file = join(folder, 'hostile.csv');
      writeFileSync(
        file,
        [
          'unit,indicator,date,value',
          '"\u001b]0;owned\u0007\u001b[2J",work-records-online,2024-12-31,5',
          '42,work-records-online,2024-12-31,"\u001b[31m99\u001b[0m"',
        ].join('\n'),
      );
      const dataDir = join(folder, 'store');
      const ingest = runCli(['ingest', '--catalog', CATALOG, '--file', file, '--data-dir', dataDir]);
      expect(ingest.status).toBe(1);
      const list = runCli([
        'quarantine',
        'list',
        '--catalog',
        CATALOG,
        '--data-dir',
        dataDir,
        '--format',
        'table',
      ]);
      expect(list.status).toBe(0);
      for (const output of [ingest.stderr, list.stdout]) {
        expect(output).not.toContain('\u001b');
        expect(output).not.toContain('\u0007');
        expect(output).toContain('\\u001b');
      }
      expect(readFileSync(file, 'utf8')).toContain('\u001b');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
