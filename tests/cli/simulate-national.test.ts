import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

/**
 * `dtwatch simulate --national-sample` (issue 18): the provincial SAMPLE programmes replayed
 * together, as `npm start -- --national-sample` runs them. Two provinces (Nghệ An 40, Hà Tĩnh 42)
 * over two weeks after the 2025 reorganisation stand for the 34: each week's line must add up the
 * provinces' own simulations.
 */
const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-simulate-national-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Document {
  programme: string;
  programmes: string[];
  rows: { week: string; stored: number; opened: number; reminded: number; open: number; sent: number }[];
  totals: Record<string, number>;
  statusCounts: Record<string, number>;
}

const simulate = (name: string, provinces: string) => {
  const dataDir = join(workDir, name);
  const run = runCli([
    'simulate',
    '--national-sample',
    '--provinces',
    provinces,
    '--from',
    '2025-11-03',
    '--weeks',
    '2',
    '--format',
    'json',
    '--data-dir',
    dataDir,
  ]);
  return { run, dataDir };
};

const both = simulate('both', '42,40');
const haTinh = simulate('ha-tinh', '42');
const ngheAn = simulate('nghe-an', '40');

describe('dtwatch simulate --national-sample', () => {
  it('replays the chosen provinces together and exits 0', () => {
    expect(both.run.status, both.run.stderr).toBe(0);
    expect(both.run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const document = JSON.parse(both.run.stdout) as Document;
    expect(document.programme).toBe('national-sample');
    expect(document.programmes).toEqual(['sample-40', 'sample-42']);
    expect(document.rows.map((row) => row.week)).toEqual(['2025-W45', '2025-W46']);
    expect(document.rows[0]?.opened).toBeGreaterThan(0);
    // Each province's alerts and digests land in the one outbox and digest folder.
    const outbox = readdirSync(join(both.dataDir, 'outbox'));
    expect(outbox.some((file) => file.startsWith('sample-40--'))).toBe(true);
    expect(outbox.some((file) => file.startsWith('sample-42--'))).toBe(true);
    expect(readdirSync(join(both.dataDir, 'digest')).sort()).toEqual(['sample-40', 'sample-42']);
  });

  it('adds up, week by week, what each province’s own simulation shows', () => {
    for (const single of [haTinh, ngheAn]) expect(single.run.status, single.run.stderr).toBe(0);
    const [together, alone42, alone40] = [both, haTinh, ngheAn].map(
      ({ run }) => JSON.parse(run.stdout) as Document,
    ) as [Document, Document, Document];
    together.rows.forEach((row, index) => {
      for (const key of ['stored', 'opened', 'reminded', 'open', 'sent'] as const) {
        expect(row[key], `${row.week} ${key}`).toBe(
          (alone42.rows[index]?.[key] ?? Number.NaN) + (alone40.rows[index]?.[key] ?? Number.NaN),
        );
      }
    });
    for (const [status, count] of Object.entries(together.statusCounts)) {
      expect(count, status).toBe((alone42.statusCounts[status] ?? 0) + (alone40.statusCounts[status] ?? 0));
    }
  });

  it('refuses an unknown province, --programme with it, and --provinces without it (exit 2)', () => {
    const unknown = runCli([
      'simulate',
      '--national-sample',
      '--provinces',
      '99',
      '--from',
      '2025-11-03',
      '--weeks',
      '1',
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--provinces: no province 99 \(known: .*42/);
    const mixed = runCli([
      'simulate',
      '--national-sample',
      '--programme',
      'nghe-an',
      '--from',
      '2025-11-03',
      '--weeks',
      '1',
    ]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('leave out --programme');
    const alone = runCli(['simulate', '--provinces', '42', '--from', '2025-11-03', '--weeks', '1']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--provinces needs --national-sample');
  });
});
