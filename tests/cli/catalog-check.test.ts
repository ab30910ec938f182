import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { sampleCatalog } from '../unit/catalog-fixtures.ts';

const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-catalog-check-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(text).not.toMatch(/Error:/);
}

describe('dtwatch catalog check', () => {
  it.each([
    ['catalog/ha-tinh-nq05.json', 'ha-tinh-nq05'],
    ['catalog/nghe-an.json', 'nghe-an'],
  ])('%s is valid and summarised', (file, id) => {
    const run = runCli(['catalog', 'check', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^${file}: valid — programme ${id}: \\d+ indicators, \\d+ units, \\d+ series`),
    );
    expect(run.stdout).toMatch(/^level\s+units\s+series$/m);
    expect(run.stdout).toMatch(/^province\s+1\s+\d+$/m);
    expect(run.stdout).toMatch(/^commune\s+\d+\s+\d+$/m);
  });

  it('--format json gives the summary as one document', () => {
    const run = runCli(['catalog', 'check', 'catalog/ha-tinh-nq05.json', '--format', 'json']);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      file: 'catalog/ha-tinh-nq05.json',
      valid: true,
      programme: 'ha-tinh-nq05',
    });
    // 210 communes until 2025-06-30 and 69 from 2025-07-01 (the handout's admin units).
    expect(summary.unitsPerLevel.commune).toBe(279);
    expect(summary.warnings).toContainEqual(
      expect.stringMatching(
        /^\d+ contact\(s\) in the catalog .*: people belong in the directory \(dtwatch directory import\)/,
      ),
    );
    expect(summary.series).toBe(
      Object.values(summary.seriesPerLevel as Record<string, number>).reduce((a, b) => a + b, 0),
    );
  });

  it('warns about units that cannot be alerted', () => {
    const catalog = sampleCatalog();
    delete catalog.units[2].head;
    const file = join(workDir, 'unreachable.json');
    writeFileSync(file, JSON.stringify(catalog));
    const run = runCli(['catalog', 'check', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 unit(s) cannot be alerted (no head e-mail or phone): 18100');
  });

  it('a broken catalog exits 1 with one precise problem per line and no stack trace', () => {
    const catalog = sampleCatalog();
    catalog.units[0].head.phone = '0900000001';
    catalog.units[1].head.email = 'not-an-address';
    catalog.units[2].parent = 'ghost';
    catalog.units.push({ id: '42', name: 'Trùng', level: 'province' });
    catalog.indicators[0].targets[0].milestones[1].date = '2025-01-31';
    catalog.indicators[1].direction = 'sideways';
    catalog.overrides = [{ unit: '42', indicator: 'no-such-indicator', tolerance: 1 }];
    const file = join(workDir, 'broken.json');
    writeFileSync(file, JSON.stringify(catalog, null, 2));

    const run = runCli(['catalog', 'check', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expectNoStackTrace(run.stderr);
    const lines = run.stderr.trim().split('\n');
    expect([...lines].sort()).toEqual(
      [
        `${file}: units[0].head.phone: must be an E.164 phone number such as +84901234567`,
        `${file}: units[1].head.email: must be a valid e-mail address`,
        `${file}: units[2].parent: unknown unit "ghost"`,
        `${file}: units[3].id: duplicate unit id "42" (first used at units[0])`,
        `${file}: indicators[0].targets[0].milestones[1].date: must be after the previous milestone (2025-01-31): dates strictly increase`,
        `${file}: indicators[1].direction: must be "increase" or "decrease"`,
        `${file}: overrides[0].indicator: unknown indicator "no-such-indicator"`,
      ].sort(),
    );
  });

  it('invalid JSON exits 1 naming the line and column', () => {
    const file = join(workDir, 'syntax.json');
    // The stray "}" after the trailing comma is the 29th character of line 2.
    writeFileSync(file, '{\n  "programme": { "id": "x", },\n}\n');
    const run = runCli(['catalog', 'check', file]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(new RegExp(`^${file}: invalid JSON at line 2, column 29: .+$`));
  });

  it('a missing file is a usage error (exit 2)', () => {
    const run = runCli(['catalog', 'check', join(workDir, 'absent.json')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('absent.json: no such file');
    expectNoStackTrace(run.stderr);
  });

  it('no file named is a usage error (exit 2)', () => {
    expect(runCli(['catalog', 'check']).status).toBe(2);
  });

  it('--help exits 0 with the usage on stdout', () => {
    const run = runCli(['catalog', 'check', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: dtwatch catalog check <file>/);
    expect(run.stderr).toBe('');
  });
});
