import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

/**
 * The Hà Tĩnh sample personas decide the story: the laggard and slipping agencies are behind from
 * the first run (2025-01-06), so alerts open at once, are reminded a week later
 * (the first step of the reminder schedule, 7 days) and escalate once open 30 days (escalateAfterDays 30: the run of
 * 2025-02-10, 35 days on). The districts cease on 2025-06-30 (their alerts retire on 2025-07-07)
 * and the new communes' second report, known on 2025-09-01, brings some of them back on track.
 */
const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-simulate-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface WeekRow {
  week: string;
  date: string;
  opened: number;
  reminded: number;
  escalated: number;
  resolved: number;
  retired: number;
  open: number;
  sent: number;
  digestWeek: string;
  digestPublished: boolean;
}

const winterDir = join(workDir, 'winter');
const winterArgs = ['simulate', '--from', '2025-01-06', '--weeks', '8', '--format', 'json'];
const winter = runCli([...winterArgs, '--data-dir', winterDir]);
const winterOutbox = existsSync(join(winterDir, 'outbox')) ? readdirSync(join(winterDir, 'outbox')) : [];
const winterAgain = runCli([...winterArgs, '--data-dir', winterDir]);

const summerDir = join(workDir, 'summer');
const summer = runCli([
  'simulate',
  '--from',
  '2025-06-30',
  '--weeks',
  '10',
  '--lang',
  'en',
  '--format',
  'table',
  '--data-dir',
  summerDir,
]);

function rowsOf(stdout: string): WeekRow[] {
  return (JSON.parse(stdout) as { rows: WeekRow[] }).rows;
}

/** The week lines of the table, as cells (columns are separated by two spaces or more). */
function tableRows(stdout: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    if (!/^\d{4}-W\d{2} /.test(line)) continue;
    const cells = line.trim().split(/ {2,}/);
    rows.set(cells[0] ?? '', cells);
  }
  return rows;
}

describe('dtwatch simulate: eight winter weeks of Hà Tĩnh (JSON)', () => {
  it('runs every week and exits 0 without a stack trace', () => {
    expect(winter.status, winter.stderr).toBe(0);
    expect(winter.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const rows = rowsOf(winter.stdout);
    expect(rows.map((row) => row.date)).toEqual([
      '2025-01-06',
      '2025-01-13',
      '2025-01-20',
      '2025-01-27',
      '2025-02-03',
      '2025-02-10',
      '2025-02-17',
      '2025-02-24',
    ]);
    expect(rows[0]?.week).toBe('2025-W02');
  });

  it('opens alerts on the first run, reminds a week later, escalates after 30 days', () => {
    const rows = rowsOf(winter.stdout);
    const [first, second] = rows;
    expect(first?.opened).toBeGreaterThan(0);
    expect(first?.reminded).toBe(0);
    expect(first?.sent).toBeGreaterThan(0);
    expect(second?.reminded).toBe(first?.opened);
    // Nothing escalates before an alert has been open 30 days.
    expect(rows.slice(0, 5).every((row) => row.escalated === 0)).toBe(true);
    expect(rows.find((row) => row.date === '2025-02-10')?.escalated).toBeGreaterThan(0);
    for (const row of rows) expect(row.open).toBeGreaterThan(0);
  });

  it('publishes the digest of the week just ended, once a week', () => {
    const document = JSON.parse(winter.stdout);
    const rows = rowsOf(winter.stdout);
    expect(rows.map((row) => row.digestWeek)).toEqual([
      '2025-W01',
      '2025-W02',
      '2025-W03',
      '2025-W04',
      '2025-W05',
      '2025-W06',
      '2025-W07',
      '2025-W08',
    ]);
    expect(rows.every((row) => row.digestPublished)).toBe(true);
    expect(document.totals.digests).toBe(8);
    expect(readdirSync(join(winterDir, 'digest', 'ha-tinh-nq05'))).toHaveLength(8);
    expect(document.digests).toBe(join(winterDir, 'digest'));
  });

  it('adds up the weeks and describes the end state', () => {
    const document = JSON.parse(winter.stdout);
    const rows = rowsOf(winter.stdout);
    const sum = (pick: (row: WeekRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
    expect(document.sampleData).toBe(true);
    expect(document.totals.opened).toBe(sum((row) => row.opened));
    expect(document.totals.reminded).toBe(sum((row) => row.reminded));
    expect(document.totals.escalated).toBe(sum((row) => row.escalated));
    expect(document.totals.sent).toBe(sum((row) => row.sent));
    expect(document.totals.openAtEnd).toBe(rows.at(-1)?.open);
    const statuses = document.statusCounts as Record<string, number>;
    expect(Object.keys(statuses).sort()).toEqual(
      ['achieved', 'at_risk', 'behind', 'no_data', 'on_track', 'stale'].sort(),
    );
    expect(statuses.behind).toBeGreaterThan(0);
    const [oldest] = document.longestOpen;
    expect(oldest.openedOn).toBe('2025-01-06');
    expect(oldest.daysOpen).toBe(49);
  });

  it('writes the alert messages to the outbox of its own folder', () => {
    expect(JSON.parse(winter.stdout).outbox).toBe(join(winterDir, 'outbox'));
    expect(winterOutbox.some((name) => name.includes('--sms--'))).toBe(true);
    expect(winterOutbox.some((name) => name.includes('--email--'))).toBe(true);
    // One alert run a week, keyed by its date, plus the digest e-mails.
    expect(winterOutbox.some((name) => name.includes('--2025-02-10--'))).toBe(true);
    expect(winterOutbox.some((name) => name.includes('--digest_2025-W01--'))).toBe(true);
  });

  it('gives the same result when run again, after deleting the earlier simulation', () => {
    expect(winterAgain.status, winterAgain.stderr).toBe(0);
    expect(winterAgain.stderr).toContain(`deleting the previous simulation in ${winterDir}`);
    expect(winterAgain.stdout).toBe(winter.stdout);
    expect(readdirSync(join(winterDir, 'outbox')).sort()).toEqual([...winterOutbox].sort());
  });
});

describe('dtwatch simulate: the 2025 reorganisation (table, English)', () => {
  it('prints one line per week, in English', () => {
    expect(summer.status, summer.stderr).toBe(0);
    expect(summer.stdout).toContain('SAMPLE DATA');
    expect(summer.stdout).toMatch(/^week +run on +new data/m);
    expect(tableRows(summer.stdout).size).toBe(10);
  });

  it('retires the alerts of the units that ceased and resolves alerts later', () => {
    const rows = tableRows(summer.stdout);
    // Columns: week, run on, new data, bad rows, opened, reminded, escalated, resolved, retired, …
    const retired = rows.get('2025-W28')?.[8];
    expect(Number(retired)).toBeGreaterThan(0);
    expect(rows.get('2025-W27')?.[8]).toBe('·');
    const resolvedWeeks = [...rows.values()].filter((cells) => cells[7] !== '·');
    expect(resolvedWeeks.length).toBeGreaterThan(0);
  });

  it('ends with the totals, the series by status and the longest-open alerts', () => {
    expect(summer.stdout).toMatch(/^alerts retired by the reorganisation +[1-9]/m);
    expect(summer.stdout).toMatch(/^weekly digests published +10$/m);
    expect(summer.stdout).toContain('Series by status on 1 Sep 2025');
    // Dates as people write them, the programme by the name people cite, never a slug or ISO date.
    expect(summer.stdout).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(summer.stdout).toMatch(/^Simulation of 10 monitoring week\(s\) of NQ 05-NQ\/TU: 30 Jun 2025 to /m);
    expect(summer.stdout).toContain('Units with the longest-open alerts');
    expect(summer.stdout).toContain(`Outbox:  ${join(summerDir, 'outbox')}`);
    expect(summer.stdout).toContain(`Digests: ${join(summerDir, 'digest')}`);
  });
});

describe('dtwatch simulate: arguments', () => {
  it('--help explains the command', () => {
    const run = runCli(['simulate', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: dtwatch simulate --from YYYY-MM-DD --weeks N');
    expect(runCli(['--help']).stdout).toMatch(/^ {2}simulate +replay weekly/m);
  });

  it('refuses a first day that is not a Monday (exit 2)', () => {
    const run = runCli([
      'simulate',
      '--from',
      '2025-01-07',
      '--weeks',
      '4',
      '--data-dir',
      join(workDir, 'x'),
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--from must be a Monday');
    expect(run.stderr).toContain('2025-01-07 is a Tuesday');
    expect(existsSync(join(workDir, 'x'))).toBe(false);
  });

  it.each([['0'], ['ten']])('refuses --weeks %s (exit 2)', (weeks) => {
    const run = runCli(['simulate', '--from', '2025-01-06', '--weeks', weeks]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--weeks must be a whole number from 1 to 260');
  });

  it('requires a real date', () => {
    const impossible = runCli(['simulate', '--from', '2025-02-31', '--weeks', '4']);
    expect(impossible.status).toBe(2);
    expect(impossible.stderr).toContain('--from must be a real date');
  });

  it('never deletes a folder that a simulation did not make', () => {
    const foreign = join(workDir, 'real-data');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    const run = runCli(['simulate', '--from', '2025-01-06', '--weeks', '1', '--data-dir', foreign]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('was not made by "dtwatch simulate"');
    expect(readdirSync(foreign)).toEqual(['keep.txt']);
  });
});
