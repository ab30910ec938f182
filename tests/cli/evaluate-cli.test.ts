import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { sampleCatalog } from '../unit/catalog-fixtures.ts';

const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-evaluate-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const catalogFile = join(workDir, 'catalog.json');
writeFileSync(catalogFile, JSON.stringify(sampleCatalog(), null, 2));

// asOf 2025-01-20. 42/dossiers-online: r(2025-01-11) = 20 + 30 · 10 / 30 = 30, so 30 is on track.
// 42/digital-gov-rank: r(2025-01-11) = 60 − 30 · 10 / 30 = 50; rank 55 is 5 worse, tolerance 0: behind.
// 18100/dossiers-online: r(2025-01-11) = 10 + 30 · 10 / 30 = 20; 19 is 1 short, tolerance 2: at risk.
const snapshotsCsv = [
  'unit;indicator;date;value;note',
  '42;dossiers-online;2025-01-11;30,0;ok',
  '42;digital-gov-rank;2025-01-11;55;ok',
  '18100;dossiers-online;2025-01-11;19;ok',
  '77;dossiers-online;2025-01-11;30;unknown unit',
  '42;dossiers-online;2025-02-30;30;impossible date',
  '42;dossiers-online;2025-01-12;120;above max',
  '42;dossiers-online;2025-03-01;99;after as-of, ignored',
].join('\r\n');
const snapshotsFile = join(workDir, 'snapshots.csv');
writeFileSync(snapshotsFile, snapshotsCsv);

const goodFile = join(workDir, 'good.csv');
writeFileSync(goodFile, snapshotsCsv.split('\r\n').slice(0, 4).join('\n'));

function evaluateArgs(snapshots: string, ...extra: string[]): string[] {
  return ['evaluate', '--catalog', catalogFile, '--snapshots', snapshots, '--as-of', '2025-01-20', ...extra];
}

describe('dtwatch evaluate', () => {
  it('rejected rows: exit 1, reasons on stderr with file and line, the other rows evaluated', () => {
    const run = runCli(evaluateArgs(snapshotsFile, '--format', 'json'));
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${snapshotsFile}: line 5: unknown unit "77"`,
      `${snapshotsFile}: line 6: date "2025-02-30" is not a real calendar date YYYY-MM-DD`,
      `${snapshotsFile}: line 7: value 120 is outside [0, 100]`,
      '3 row(s) rejected; the other rows were evaluated.',
    ]);
    const report = JSON.parse(run.stdout);
    expect(report.programme).toBe('test-programme');
    expect(report.asOf).toBe('2025-01-20');
    expect(
      report.results.map((result: { unit: string; indicator: string; status: string; value: number }) => [
        result.unit,
        result.indicator,
        result.status,
        result.value,
      ]),
    ).toEqual([
      ['18100', 'dossiers-online', 'at_risk', 19],
      ['42', 'digital-gov-rank', 'behind', 55],
      ['42', 'dossiers-online', 'on_track', 30],
    ]);
  });

  it('all rows good: exit 0 and nothing on stderr', () => {
    const run = runCli(evaluateArgs(goodFile, '--format', 'json'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('table format: one row per series and a summary line of counts per status', () => {
    const run = runCli(evaluateArgs(goodFile, '--format', 'table', '--lang', 'en'));
    expect(run.status).toBe(0);
    const [table = '', summary = '', scorecard = ''] = run.stdout.trim().split('\n\n');
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^Unit\s+Indicator\s+Status\s+Date\s+Value\s+Required\s+Gap\s+Pace\s+Milestone$/,
    );
    expect(lines.filter((line) => /^(42|18100) /.test(line))).toHaveLength(3);
    // The house style: dates as people write them, the unit's decimals and measure, gaps in points.
    expect(run.stdout).toMatch(
      /^42 Tỉnh Hà Tĩnh\s+dossiers-online\s+on track\s+11 Jan 2025\s+30\.0%\s+30\.0%\s+0\.0 percentage points\s/m,
    );
    expect(run.stdout).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(summary).toBe('3 series: 1 on track, 1 at risk, 1 behind');
    // The scorecard follows the table: four targets (2025-01-31 ×3, 2025-03-02), all after asOf, none reached.
    expect(scorecard.split('\n').slice(0, 2)).toEqual([
      'Targets met (as of 20 Jan 2025)',
      '  2025: 0/4 targets met',
    ]);
    // NO_COLOR is set by the test runner: no escape codes.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('table format colours statuses when colour is forced', () => {
    const run = runCli(evaluateArgs(goodFile, '--format', 'table', '--lang', 'en'), {
      NO_COLOR: '',
      FORCE_COLOR: '1',
    });
    expect(run.stdout).toContain('\u001b[31mbehind\u001b[0m');
  });

  it('Vietnamese by default (the one default for people, docs/style.md): headers, labels, summary', () => {
    const run = runCli(evaluateArgs(goodFile, '--format', 'table'));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Đơn vị\s+Chỉ tiêu\s+Trạng thái/);
    expect(run.stdout).toContain('đúng tiến độ');
    expect(run.stdout).toContain('chậm tiến độ');
    const [, summary = '', scorecard = ''] = run.stdout.trim().split('\n\n');
    expect(summary).toBe('3 chuỗi chỉ tiêu: 1 đúng tiến độ, 1 có nguy cơ chậm, 1 chậm tiến độ');
    expect(scorecard).toContain('Năm 2025: 0/4 chỉ tiêu đạt');
    // Levels by their Vietnamese names, not the catalog's ids.
    expect(scorecard).toMatch(/ · Cấp tỉnh · /);
    expect(scorecard).not.toMatch(/ · (province|commune) · /);
    expect(run.stdout).toMatch(
      /^42 Tỉnh Hà Tĩnh\s+dossiers-online\s+đúng tiến độ\s+11\/01\/2025\s+30,0%\s+30,0%/m,
    );
  });

  it('an invalid catalog exits 1 with its problems and evaluates nothing', () => {
    const broken = sampleCatalog();
    broken.units[2].parent = 'ghost';
    const file = join(workDir, 'broken-catalog.json');
    writeFileSync(file, JSON.stringify(broken));
    const run = runCli(['evaluate', '--catalog', file, '--snapshots', goodFile, '--as-of', '2025-01-20']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(`${file}: units[2].parent: unknown unit "ghost"`);
  });

  it.each([
    ['an impossible --as-of', ['--as-of', '2025-02-30'], '--as-of must be a real date YYYY-MM-DD'],
    ['a bad --format', ['--format', 'xml'], '--format must be one of json, table'],
    ['a bad --lang', ['--lang', 'fr'], '--lang must be one of en, vi'],
    ['an unknown option', ['--verbose'], 'Unknown option'],
  ])('%s is a usage error (exit 2)', (_label, extra, message) => {
    const run = runCli([...evaluateArgs(goodFile), ...extra]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Run "dtwatch evaluate --help" for usage.');
  });

  it('a missing --catalog is a usage error (exit 2)', () => {
    const run = runCli(['evaluate', '--snapshots', goodFile]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--catalog is required');
  });

  it('a missing snapshots file is a usage error (exit 2)', () => {
    const run = runCli(evaluateArgs(join(workDir, 'absent.csv')));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('absent.csv: no such file');
  });

  it('--help exits 0 with the usage on stdout', () => {
    const run = runCli(['evaluate', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: dtwatch evaluate --catalog <file> --snapshots <file>/);
    expect(run.stderr).toBe('');
  });
});
