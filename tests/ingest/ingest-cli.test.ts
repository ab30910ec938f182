import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, isUnitValidOn } from '../../shared/catalog/programme.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { failFirst, type SourceServer, serve, startSourceServer } from '../sources/source-server.ts';
import { expectApproximately } from '../support/approx.ts';
import { REPO_ROOT, SPEC_EXAMPLES } from '../support/paths.ts';
import { runCli, runCliAsync } from '../support/run-cli.ts';

const BASIC_CATALOG = join(SPEC_EXAMPLES, 'basic.catalog.json');
const BASIC_SNAPSHOTS = join(SPEC_EXAMPLES, 'basic.snapshots.json');
const HA_TINH_CATALOG = join(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');

let scratch: string;
const dataDirs: string[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dtwatch-cli-store-'));
  dataDirs.push(dir);
  return dir;
}

/** stderr lines that are the program's own (not Node's or the SDK's runtime warnings). */
function problemLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /: (line \d+|snapshots\[\d+\]): /.test(line));
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dtwatch-cli-'));
});
afterAll(() => {
  for (const dir of [scratch, ...dataDirs]) rmSync(dir, { recursive: true, force: true });
});

describe('dtwatch ingest --file, then dtwatch status', () => {
  it('status prints the same document as evaluate on the file (basic example)', () => {
    const dataDir = freshDataDir();
    const snapshots = JSON.parse(readFileSync(BASIC_SNAPSHOTS, 'utf8')) as { snapshots: { date: string }[] };
    const today = dateInZone(new Date(), 'Asia/Ho_Chi_Minh');
    const future = snapshots.snapshots.filter((row) => row.date > today).length;

    const ingest = runCli([
      'ingest',
      '--catalog',
      BASIC_CATALOG,
      '--file',
      BASIC_SNAPSHOTS,
      '--data-dir',
      dataDir,
    ]);
    expect(ingest.status).toBe(future > 0 ? 1 : 0);
    const problems = problemLines(ingest.stderr);
    expect(problems).toHaveLength(future);
    for (const line of problems)
      expect(line).toMatch(/basic\.snapshots\.json: snapshots\[\d+\]: date .* is in the future/);
    expect(ingest.stdout).toContain(`${snapshots.snapshots.length - future - 1} stored`);

    const status = runCli([
      'status',
      '--catalog',
      BASIC_CATALOG,
      '--as-of',
      '2026-11-21',
      '--format',
      'json',
      '--data-dir',
      dataDir,
    ]);
    const evaluate = runCli([
      'evaluate',
      '--catalog',
      BASIC_CATALOG,
      '--snapshots',
      BASIC_SNAPSHOTS,
      '--as-of',
      '2026-11-21',
      '--format',
      'json',
    ]);
    expect(status.status).toBe(0);
    expect(evaluate.status).toBe(0);
    expect(JSON.parse(status.stdout)).toEqual(JSON.parse(evaluate.stdout));
    const expected = JSON.parse(readFileSync(join(SPEC_EXAMPLES, 'basic.expected.json'), 'utf8')) as {
      expected: unknown;
    };
    // The additive `scorecard` key (docs/scorecard.md) is not part of the contract document.
    const { scorecard: _scorecard, ...contract } = JSON.parse(status.stdout) as Record<string, unknown>;
    expectApproximately(contract, expected.expected);

    const table = runCli([
      'status',
      '--catalog',
      BASIC_CATALOG,
      '--as-of',
      '2026-11-21',
      '--format',
      'table',
      '--lang',
      'vi',
      '--data-dir',
      dataDir,
    ]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('Trạng thái');
  });

  it('a CSV with 20 bad rows among 1,000 stores 980, quarantines 20 with reasons, exits 1; a second ingest stores nothing new', () => {
    const { csv, bad } = thousandRowCsv();
    const file = join(scratch, 'ha-tinh-1000.csv');
    writeFileSync(file, csv);
    const dataDir = freshDataDir();

    const first = runCli([
      'ingest',
      '--catalog',
      HA_TINH_CATALOG,
      '--file',
      file,
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(first.status).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({
      source: 'upload',
      outcome: 'partial',
      rowsOk: 980,
      stored: 980,
      revised: 0,
      rowsUnchanged: 0,
      rowsRejected: 20,
    });
    const problems = problemLines(first.stderr);
    expect(problems).toHaveLength(20);
    expect(first.stderr).toContain('20 row(s) rejected and quarantined; the other rows were stored.');

    const list = runCli([
      'quarantine',
      'list',
      '--catalog',
      HA_TINH_CATALOG,
      '--limit',
      '100',
      '--format',
      'json',
      '--data-dir',
      dataDir,
    ]);
    expect(list.status).toBe(0);
    const quarantine = JSON.parse(list.stdout) as {
      programme: string;
      rows: { location: string; reason: string }[];
    };
    expect(quarantine.programme).toBe('ha-tinh-nq05');
    expect(quarantine.rows).toHaveLength(20);
    const reasons = new Map(quarantine.rows.map((row) => [row.location.replace(/^.*: /, ''), row.reason]));
    for (const { line, reason } of bad) expect(reasons.get(`line ${line}`)).toMatch(reason);

    const second = runCli([
      'ingest',
      '--catalog',
      HA_TINH_CATALOG,
      '--file',
      file,
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(second.status).toBe(1);
    expect(JSON.parse(second.stdout)).toMatchObject({
      rowsOk: 0,
      stored: 0,
      revised: 0,
      rowsUnchanged: 980,
      rowsRejected: 20,
    });
    // The same 20 bad rows again are the same 20 quarantined rows, not 40.
    const relisted = runCli([
      'quarantine',
      'list',
      '--catalog',
      HA_TINH_CATALOG,
      '--limit',
      '100',
      '--format',
      'json',
      '--data-dir',
      dataDir,
    ]);
    expect((JSON.parse(relisted.stdout) as { rows: unknown[] }).rows).toHaveLength(20);

    const table = runCli([
      'quarantine',
      'list',
      '--catalog',
      HA_TINH_CATALOG,
      '--limit',
      '3',
      '--format',
      'table',
      '--data-dir',
      dataDir,
    ]);
    expect(table.status).toBe(0);
    expect(table.stdout.split('\n').filter((line) => line.includes('upload'))).toHaveLength(3);
  });

  it('an unreadable file is reported like evaluate reports it (exit 1), with the run recorded', () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{"snapshots": [');
    const run = runCli(['ingest', '--catalog', BASIC_CATALOG, '--file', file, '--data-dir', freshDataDir()]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.json: invalid JSON/);
  });
});

describe('dtwatch ingest --sources', () => {
  let server: SourceServer;
  beforeAll(async () => {
    server = await startSourceServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('pulls every source, prints a line per source, and exits 3 when one could not be pulled', async () => {
    server.route(
      '/rows.csv',
      serve(
        'unit,indicator,date,value\n42,dossiers-online,2025-12-31,47.5\n40,dossiers-online,2025-12-31,41\n',
        'text/csv',
      ),
    );
    server.route('/broken.json', failFirst(99, 404, serve('[]')));
    const sourcesFile = join(scratch, 'sources.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify({
        programme: 'example-basic',
        allowHosts: ['127.0.0.1'],
        sources: [
          { id: 'portal-csv', kind: 'http-csv', url: `${server.origin}/rows.csv` },
          { id: 'portal-json', kind: 'http-json', url: `${server.origin}/broken.json` },
        ],
      }),
    );
    // The CLI runs in a child process: the test server must answer while spawnSync blocks us.
    const run = await runCliAsync([
      'ingest',
      '--catalog',
      BASIC_CATALOG,
      '--sources',
      sourcesFile,
      '--data-dir',
      freshDataDir(),
    ]);
    expect(run.status).toBe(3);
    const lines = run.stdout.split('\n');
    expect(lines.find((line) => line.startsWith('portal-csv'))).toMatch(/^portal-csv\s+ok\s+2\s+0\s+0/);
    expect(lines.find((line) => line.startsWith('portal-json'))).toMatch(/failed.*answered HTTP 404/);
  });

  it('rejects a sources file for another programme, naming the file and path', () => {
    const sourcesFile = join(scratch, 'other.json');
    writeFileSync(sourcesFile, JSON.stringify({ programme: 'nghe-an', sources: [] }));
    const run = runCli([
      'ingest',
      '--catalog',
      BASIC_CATALOG,
      '--sources',
      sourcesFile,
      '--data-dir',
      freshDataDir(),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${sourcesFile}: programme: is "nghe-an" but the catalog is programme "example-basic"`,
    );
  });
});

describe('usage', () => {
  it.each([
    [['ingest', '--catalog', BASIC_CATALOG]],
    [['ingest', '--catalog', BASIC_CATALOG, '--file', 'a.csv', '--sources', 's.json']],
    [['status', '--catalog', BASIC_CATALOG, '--as-of', '2026-02-30']],
    [['quarantine', 'list', '--catalog', BASIC_CATALOG, '--limit', 'lots']],
  ])('%j is a usage error (exit 2)', (args) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Run "dtwatch .*--help" for usage/);
  });

  it.each([['ingest'], ['status'], ['quarantine', 'list']])('%s --help', (...words) => {
    const run = runCli([...words, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: dtwatch /);
  });
});

/**
 * 1,000 data rows of the Hà Tĩnh catalog: 980 good (month-end values of series whose unit is
 * valid then), and 20 bad ones of several kinds at known lines.
 */
function thousandRowCsv(): { csv: string; bad: { line: number; reason: RegExp }[] } {
  const programme = buildProgramme(parseCatalog(readFileSync(HA_TINH_CATALOG), HA_TINH_CATALOG));
  const monthEnds: string[] = [];
  for (let year = 2021; year <= 2026; year++) {
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      if (date <= '2026-10-31') monthEnds.push(date);
    }
  }
  const good: string[] = [];
  outer: for (const plan of programme.series) {
    const unit = programme.units.get(plan.unit);
    if (!unit) continue;
    for (const date of monthEnds) {
      if (!isUnitValidOn(unit, date)) continue;
      const low = plan.min ?? 0;
      const high = plan.max ?? low + 100;
      const value = Math.round((low + ((high - low) * (good.length % 7)) / 10) * 10) / 10;
      good.push(`${plan.unit},${plan.indicator},${date},${value}`);
      if (good.length === 980) break outer;
    }
  }
  const [unit, indicator, date] = (good[0] as string).split(',') as [string, string, string];
  const badKinds: [string, RegExp][] = [
    [`no-such-unit,${indicator},${date},5`, /unknown unit "no-such-unit"/],
    [`${unit},no-such-indicator,${date},5`, /unknown indicator "no-such-indicator"/],
    [`${unit},${indicator},2025-02-30,5`, /not a real calendar date/],
    [`${unit},${indicator},${date},five`, /value "five" is not a number/],
    [`${unit},${indicator},2099-01-31,5`, /is in the future/],
    [`${unit},${indicator},,5`, /missing "date"/],
  ];
  const lines: string[] = [];
  const bad: { line: number; reason: RegExp }[] = [];
  let goodIndex = 0;
  for (let index = 0; index < 1000; index++) {
    // Every 50th row is bad: 20 of them, spread through the file.
    if (index % 50 === 49) {
      const [row, reason] = badKinds[bad.length % badKinds.length] as [string, RegExp];
      lines.push(row);
      bad.push({ line: index + 2, reason });
    } else {
      lines.push(good[goodIndex++] as string);
    }
  }
  expect(good).toHaveLength(980);
  expect(bad).toHaveLength(20);
  return { csv: `unit,indicator,date,value\n${lines.join('\n')}\n`, bad };
}
