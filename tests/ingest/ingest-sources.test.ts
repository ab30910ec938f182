import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedStore, openStore } from '../../shared/adapters/open-store.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { SourceRun } from '../../shared/ports/store.ts';
import { createSourceFetcher } from '../../shared/sources/fetch-source.ts';
import { createHttpFetcher } from '../../shared/sources/http-fetcher.ts';
import type { SecretResolver } from '../../shared/sources/secret-resolver.ts';
import { parseSourcesFile, type SourcesFile } from '../../shared/sources/source-config.ts';
import { ingestProgramme, type ProgrammeIngestReport } from '../../shared/use-cases/ingest.ts';
import {
  failFirst,
  oversized,
  redirect,
  type SourceServer,
  selfSignedCertificate,
  serve,
  stall,
  startSourceServer,
  truncate,
} from '../sources/source-server.ts';
import { SPEC_EXAMPLES } from '../support/paths.ts';

/**
 * Every way a source can misbehave, pulled in one run next to good sources: each ends with a
 * correct source-run record, the good sources lose nothing, and nothing crashes.
 */

const CLOCK = fixedClock('2026-11-22T03:00:00Z');
const TOKEN = 'Bearer tok-9f8e7d';

const goodJson = JSON.stringify({
  snapshots: [
    { unit: '42', indicator: 'dossiers-online', date: '2025-12-31', value: 47.5 },
    { unit: '42', indicator: 'dossiers-online', date: '2026-10-31', value: 53 },
    { unit: '40', indicator: 'digital-gov-rank', date: '2025-12-31', value: 20 },
  ],
});
const goodCsv = [
  'unit,indicator,date,value',
  '40,dossiers-online,2025-06-30,30',
  '40,dossiers-online,2025-12-31,41',
  '40,dossiers-online,2026-06-30,"48,5"',
  '99,dossiers-online,2026-06-30,12',
  '42,digital-gov-rank,2026-06-30,99',
].join('\n');
const goodNdjson = [
  '{"unit":"42","indicator":"digital-gov-rank","date":"2024-12-31","value":30}',
  '{"unit":"42","indicator":"digital-gov-rank","date":"2025-12-31","value":25}',
].join('\n');

let server: SourceServer;
let secure: SourceServer;
let certificate: { key: string; cert: string };
let dataDir: string;
let opened: OpenedStore;
let programme: Programme;
let sources: SourcesFile;
let first: ProgrammeIngestReport;
const sleeps: number[] = [];
const secretLookups: string[] = [];

const secrets: SecretResolver = {
  async resolve(ref) {
    const name = 'ssmParameter' in ref ? ref.ssmParameter : ref.secretsManager;
    secretLookups.push(name);
    if (name === '/dtwatch/portal-token') return TOKEN;
    throw new Error(`cannot read SSM parameter ${name}: ParameterNotFound`);
  },
};

function runOf(report: ProgrammeIngestReport, source: string): SourceRun {
  const found = report.sources.find((entry) => entry.run.source === source);
  if (!found) throw new Error(`no run for ${source}`);
  return found.run;
}

async function pull(): Promise<ProgrammeIngestReport> {
  const fetchSource = createSourceFetcher({
    http: createHttpFetcher({
      policy: { allowHosts: sources.allowHosts ?? [] },
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5_000 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ca: certificate.cert,
    }),
    secrets,
  });
  return ingestProgramme(programme, sources, {
    store: opened.store,
    clock: CLOCK,
    fetchSource,
    runKey: 'run-1',
  });
}

beforeAll(async () => {
  certificate = selfSignedCertificate();
  server = await startSourceServer();
  secure = await startSourceServer({ tls: certificate });
  const http = server.origin;
  server.route('/good.json', serve(goodJson, 'application/json; charset=utf-8'));
  server.route('/good.csv', serve(goodCsv, 'text/csv'));
  server.route('/good', serve(goodNdjson, 'text/plain'));
  server.route('/flaky.json', failFirst(2, 500, serve(goodJson)));
  server.route('/down.json', failFirst(99, 502, serve(goodJson)));
  server.route('/limited.json', failFirst(1, 429, serve(goodJson), { 'retry-after': '2' }));
  server.route('/slow.json', stall(30_000, goodJson));
  server.route('/truncated.json', truncate(goodJson));
  server.route('/malformed.json', serve('{"snapshots": [{"unit": "42", ', 'application/json'));
  server.route('/huge.csv', oversized(4 * 1024 * 1024));
  server.route('/to-127-0-0-2', redirect(`http://127.0.0.2:${server.port}/good.json`));
  server.route('/to-other-host', redirect(`http://localhost:${server.port}/good.json`));
  secure.route('/to-http', redirect(`http://127.0.0.1:${server.port}/good.json`));
  server.route('/private.json', serve(goodJson));

  sources = parseSourcesFile(
    JSON.stringify({
      programme: 'example-basic',
      allowHosts: ['127.0.0.1', 'localhost'],
      sources: [
        {
          id: 'good-json',
          kind: 'http-json',
          url: `${http}/good.json?key=querysecret`,
          auth: { header: 'Authorization', secret: { ssmParameter: '/dtwatch/portal-token' } },
        },
        { id: 'server-error', kind: 'http-json', url: `${http}/down.json` },
        { id: 'good-csv', kind: 'http-csv', url: `${http}/good.csv` },
        { id: 'flaky', kind: 'http-json', url: `${http}/flaky.json` },
        { id: 'rate-limited', kind: 'http-json', url: `${http}/limited.json` },
        { id: 'slow', kind: 'http-json', url: `${http}/slow.json`, timeoutMs: 300 },
        { id: 'truncated', kind: 'http-json', url: `${http}/truncated.json` },
        { id: 'malformed', kind: 'http-json', url: `${http}/malformed.json` },
        { id: 'oversized', kind: 'http-csv', url: `${http}/huge.csv`, maxBytes: 100_000 },
        { id: 'redirect-127-0-0-2', kind: 'http-json', url: `${http}/to-127-0-0-2` },
        { id: 'redirect-other-host', kind: 'http-json', url: `${http}/to-other-host` },
        { id: 'redirect-to-http', kind: 'http-json', url: `${secure.origin}/to-http` },
        {
          id: 'missing-secret',
          kind: 'http-json',
          url: `${http}/good.json`,
          auth: { header: 'Authorization', secret: { ssmParameter: '/dtwatch/nope' } },
        },
        { id: 'metadata', kind: 'http-json', url: 'https://169.254.169.254/latest/meta-data/' },
        { id: 'good-ndjson', kind: 'http-json', url: `${http}/good` },
      ],
    }),
    'sources.json',
  );
  programme = buildProgramme(
    parseCatalog(readFileSync(join(SPEC_EXAMPLES, 'basic.catalog.json')), 'basic.catalog.json'),
  );
  dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-ingest-'));
  opened = await openStore({ dataDir });
  first = await pull();
});

afterAll(async () => {
  await opened?.close();
  await server?.close();
  await secure?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('pulling every source of a programme', () => {
  it('writes one source-run record per source, in the store', async () => {
    const stored = await opened.store.listSourceRuns('example-basic');
    expect(stored).toHaveLength(sources.sources.length);
    expect(new Set(stored.map((run) => run.source))).toEqual(
      new Set(sources.sources.map((source) => source.id)),
    );
    for (const run of stored) {
      expect(run.runKey).toBe('run-1');
      expect(run.startedAt <= run.finishedAt).toBe(true);
    }
  });

  it('stores everything the good sources offered', async () => {
    expect(runOf(first, 'good-json')).toMatchObject({
      outcome: 'ok',
      rowsOk: 3,
      rowsRejected: 0,
      rowsUnchanged: 0,
    });
    expect(runOf(first, 'good-ndjson')).toMatchObject({ outcome: 'ok', rowsOk: 2, rowsRejected: 0 });
    // The same rows again through the flaky and rate-limited sources: accepted, nothing new.
    expect(runOf(first, 'flaky')).toMatchObject({ outcome: 'ok', rowsOk: 0, rowsUnchanged: 3 });
    expect(runOf(first, 'rate-limited')).toMatchObject({ outcome: 'ok', rowsOk: 0, rowsUnchanged: 3 });
    const observations = await opened.store.programmeObservations('example-basic');
    expect(observations).toHaveLength(3 + 3 + 2);
    expect(observations).toContainEqual({
      unit: '40',
      indicator: 'dossiers-online',
      date: '2026-06-30',
      value: 48.5,
    });
  });

  it('sends the resolved auth header and looks each secret up once per run', () => {
    expect(server.lastHeaders('/good.json')?.authorization).toBe(TOKEN);
    expect(secretLookups.filter((name) => name === '/dtwatch/portal-token')).toHaveLength(1);
  });

  it('quarantines the bad rows of a partly good source with their reasons', async () => {
    expect(runOf(first, 'good-csv')).toMatchObject({ outcome: 'partial', rowsOk: 3, rowsRejected: 2 });
    const quarantined = (await opened.store.listQuarantined('example-basic')).filter(
      (row) => row.source === 'good-csv',
    );
    expect(quarantined.map((row) => [row.location, row.reason]).sort()).toEqual([
      [`${server.origin}/good.csv: line 5`, 'unit "99" is not valid on 2026-06-30 (valid to 2025-06-30)'],
      [`${server.origin}/good.csv: line 6`, 'value 99 is outside [1, 63]'],
    ]);
    expect(quarantined[0]?.row).toMatchObject({ indicator: expect.any(String), date: '2026-06-30' });
  });

  it('retries 5xx and 429 (waiting as Retry-After asks) and records a 5xx that persists', () => {
    expect(server.hits('/flaky.json')).toBe(3);
    expect(server.hits('/limited.json')).toBe(2);
    expect(sleeps).toContain(2_000);
    const down = runOf(first, 'server-error');
    expect(down).toMatchObject({ outcome: 'failed', rowsOk: 0, rowsRejected: 0, rowsUnchanged: 0 });
    expect(down.error).toMatch(/answered HTTP 502 after 3 attempts/);
  });

  it.each([
    ['slow', /did not answer within 300 ms/],
    ['truncated', /truncated body|aborted|ECONNRESET/],
    ['malformed', /invalid JSON/],
    ['oversized', /more than the limit of 100000 bytes/],
    ['redirect-127-0-0-2', /to another origin \(http:\/\/127\.0\.0\.2:\d+\) refused/],
    ['redirect-other-host', /to another origin \(http:\/\/localhost:\d+\) refused/],
    ['redirect-to-http', /to http: refused/],
    ['missing-secret', /cannot read SSM parameter \/dtwatch\/nope/],
    ['metadata', /cloud metadata service/],
  ])('%s: failed, with the reason and nothing stored', (source, reason) => {
    const run = runOf(first, source);
    expect(run).toMatchObject({ outcome: 'failed', rowsOk: 0, rowsRejected: 0, rowsUnchanged: 0 });
    expect(run.error).toMatch(reason);
  });

  it('never follows a refused redirect', () => {
    expect(server.hits('/to-127-0-0-2')).toBe(1);
    expect(secure.hits('/to-http')).toBe(1);
  });

  it('keeps secrets and query strings out of run records', async () => {
    const runs = JSON.stringify(await opened.store.listSourceRuns('example-basic'));
    expect(runs).not.toContain('tok-9f8e7d');
    expect(runs).not.toContain('querysecret');
  });

  it('reports totals', () => {
    expect(first.totals).toMatchObject({ rowsOk: 8, rowsRejected: 2, failedSources: 10 });
  });

  it('stores nothing new when the same pull runs again', async () => {
    const before = await opened.store.programmeObservations('example-basic');
    const again = await pull();
    expect(again.totals.rowsOk).toBe(0);
    expect(runOf(again, 'good-json')).toMatchObject({ outcome: 'ok', rowsOk: 0, rowsUnchanged: 3 });
    expect(runOf(again, 'good-csv')).toMatchObject({ rowsOk: 0, rowsUnchanged: 3, rowsRejected: 2 });
    expect(await opened.store.programmeObservations('example-basic')).toEqual(before);
    const revisions = await opened.store.observationRevisions(
      'example-basic',
      '42',
      'dossiers-online',
      '2026-10-31',
    );
    expect(revisions).toHaveLength(1);
  });
});
