import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { captureChildOutput } from '../support/log-capture.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';

const AS_OF = '2026-11-18';
const dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-start-'));

function npmStart(): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', ['start', '--', '--as-of', AS_OF, '--data-dir', dataDir, '--lang', 'en'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  captureChildOutput('npm start', result.stdout, result.stderr);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function outboxFiles(): string[] {
  const outbox = join(dataDir, 'outbox');
  return existsSync(outbox) ? readdirSync(outbox) : [];
}

describe('npm start: the local monitoring cycle', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const first = npmStart();
  const afterFirst = outboxFiles();
  const second = npmStart();

  it('runs the whole cycle and exits 0 without a stack trace', () => {
    expect(first.status).toBe(0);
    expect(first.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(first.stdout).toContain('SAMPLE DATA');
    expect(first.stdout).toMatch(/Stored [1-9][\d,]* new observations/);
    // How to open the web app, and a sign-in link for the sample committee member.
    expect(first.stdout).toContain(`serve --data-dir ${dataDir}`);
    expect(first.stdout).toMatch(/http:\/\/127\.0\.0\.1:8787\/signin\?t=\S+/);
  });

  it('writes outbox messages on the first run and none on the second', () => {
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(afterFirst.some((name) => name.includes('--sms--'))).toBe(true);
    expect(afterFirst.some((name) => name.includes('--email--'))).toBe(true);
    expect(second.status).toBe(0);
    expect(second.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(outboxFiles()).toEqual(afterFirst);
    expect(second.stdout).toContain('Stored 0 new observations');
    expect(second.stdout).toContain('Nothing new since the last run today');
  });

  it('published the sample catalog on the first run and judged against that version, as the functions do', () => {
    const listed = runCli([
      'catalog',
      'versions',
      '--programme',
      'ha-tinh-nq05',
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(listed.status).toBe(0);
    const { current, versions } = JSON.parse(listed.stdout) as { current: string; versions: unknown[] };
    expect(current).toMatch(/^[0-9a-f]{12}$/);
    expect(versions).toHaveLength(1);
    expect(first.stderr).toContain(`catalog version ${current}`);
    expect(second.stderr).not.toContain('published catalog/');
    const message = readFileSync(join(dataDir, 'outbox', afterFirst[0] ?? ''), 'utf8');
    expect(message).toContain(`Catalog-Version: ${current}`);
  });

  it('imported the sample directory on the first run: the people in force come from the store', () => {
    const listed = runCli([
      'directory',
      'list',
      '--catalog',
      'catalog/ha-tinh-nq05.json',
      '--data-dir',
      dataDir,
      '--as-of',
      AS_OF,
      '--format',
      'json',
    ]);
    expect(listed.status).toBe(0);
    const people = JSON.parse(listed.stdout) as { role: string; unit: string; email: string }[];
    const sample = readFileSync(join(REPO_ROOT, 'samples', 'ha-tinh-nq05.people.csv'), 'utf8');
    expect(people).toHaveLength(sample.trim().split('\n').length - 1);
    expect(people.find((person) => person.role === 'head' && person.unit === '42')?.email).toBe(
      'head-42@example.com',
    );
  });

  it('renders the digest of the last complete week', () => {
    const digestRoot = join(dataDir, 'digest', 'ha-tinh-nq05');
    const weeks = readdirSync(digestRoot);
    expect(weeks).toEqual(['2026-W46']);
    const html = readFileSync(join(digestRoot, '2026-W46', 'digest.html'), 'utf8');
    expect(html).toContain('<svg');
    // The re-run publishes nothing but still says where the week's digest is.
    const report = join(digestRoot, '2026-W46', 'digest.html');
    expect(first.stdout).toContain(`Digest:  ${report} (2026-W46, new)`);
    expect(second.stdout).toContain(`Digest:  ${report} (2026-W46, already published)`);
  });

  it('stores what `dtwatch evaluate` judges the same way from the same data', () => {
    const catalogFile = join(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');
    const programme = buildProgramme(parseCatalog(readFileSync(catalogFile, 'utf8'), catalogFile));
    const sample = generateSampleData(programme, { through: AS_OF });
    const snapshots = join(dataDir, 'sample-snapshots.json');
    writeFileSync(snapshots, JSON.stringify({ snapshots: sample.observations }));

    const fromFile = runCli([
      'evaluate',
      '--catalog',
      catalogFile,
      '--snapshots',
      snapshots,
      '--as-of',
      AS_OF,
      '--format',
      'json',
    ]);
    const fromStore = runCli([
      'status',
      '--catalog',
      catalogFile,
      '--as-of',
      AS_OF,
      '--format',
      'json',
      '--data-dir',
      dataDir,
    ]);
    expect(fromFile.status).toBe(0);
    expect(fromStore.status).toBe(0);
    const stored = JSON.parse(fromStore.stdout);
    expect(stored.results.length).toBeGreaterThan(200);
    expect(stored).toEqual(JSON.parse(fromFile.stdout));
  });
});
