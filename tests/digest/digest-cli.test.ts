import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../shared/adapters/open-store.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { checkRows } from '../../shared/snapshots/observation-rows.ts';
import { parseSnapshotText } from '../../shared/snapshots/snapshot-file.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';

const CATALOG = resolve(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');
const SAMPLES = resolve(REPO_ROOT, 'samples', 'ha-tinh-nq05.snapshots.csv');
/** Monday 2026-10-05 08:00 in Hanoi: 2026-W40 (Sep 28 – Oct 4) has ended. */
const NOW = '2026-10-05T08:00:00+07:00';

describe('dtwatch digest', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-digest-cli-'));
    const programme = buildProgramme(parseCatalog(readFileSync(CATALOG), CATALOG));
    const rows = checkRows(programme, parseSnapshotText(readFileSync(SAMPLES, 'utf8'), SAMPLES));
    const opened = await openStore({ dataDir, env: {} });
    try {
      await opened.store.putObservations(programme.id, rows.observations, '2026-10-01T00:00:00.000Z');
    } finally {
      await opened.close();
    }
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const digest = (...args: string[]) =>
    runCli(['digest', '--catalog', CATALOG, '--data-dir', dataDir, '--now', NOW, ...args], {
      DTWATCH_TABLE: '',
    });

  it('writes the three files and sends the text through the outbox, once', () => {
    const run = digest();
    expect(run.stderr).not.toMatch(/failed|Error:/);
    expect(run.status).toBe(0);
    // One folder per programme and week: another programme's digest of the week cannot overwrite it.
    const out = join(dataDir, 'digest', 'ha-tinh-nq05', '2026-W40');
    expect(existsSync(join(dataDir, 'digest', '2026-W40'))).toBe(false);
    expect(run.stdout).toContain(
      // In the digest's language (the catalog's, Vietnamese), as everything people read.
      'bản tin tuần ha-tinh-nq05 2026-W40: đã gửi cho 1/1 địa chỉ Ban Chỉ đạo qua hộp thư đi',
    );
    expect(run.stdout).toContain(join(out, 'digest.html'));
    const text = readFileSync(join(out, 'digest.txt'), 'utf8');
    expect(text).toContain('Bản tin tuần — Nghị quyết 05-NQ/TU');
    expect(text).toContain('Tuần 2026-W40 (từ 28/09/2026 đến 04/10/2026)');
    expect(text).toContain(`Báo cáo đầy đủ (biểu đồ): file://${join(out, 'digest.html')}`);
    expect(readFileSync(join(out, 'digest.html'), 'utf8')).toMatch(/^<!doctype html>\n<html lang="vi">/);
    const csv = readFileSync(join(out, 'league.csv'), 'utf8');
    expect(csv.split('\r\n')[1]).toMatch(/^\uFEFF?Cấp tỉnh,1,42,Tỉnh Hà Tĩnh,/);

    const outbox = readdirSync(join(dataDir, 'outbox')).filter((name) => name.includes('digest_2026-W40'));
    expect(outbox).toHaveLength(1);
    const message = readFileSync(join(dataDir, 'outbox', outbox[0] as string), 'utf8');
    expect(message).toContain('Subject: [dtwatch] Bản tin tuần 2026-W40');
    expect(message).toContain(text.trimEnd());
    expect(run.stderr).toContain('outbox: email to b***@example.com');

    const again = digest('--lang', 'en', '--out', join(dataDir, 'again'));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already digested: nothing sent again');
    expect(readFileSync(join(dataDir, 'again', 'digest.txt'), 'utf8')).toContain('Weekly digest — ');
    expect(
      readdirSync(join(dataDir, 'outbox')).filter((name) => name.includes('digest_2026-W40')),
    ).toHaveLength(1);
  });

  it('refuses a week that has not ended and a malformed week (usage errors)', () => {
    const early = digest('--week', '2026-W41');
    expect(early.status).toBe(2);
    expect(early.stderr).toContain('week 2026-W41 has not ended yet');
    expect(existsSync(join(dataDir, 'digest', 'ha-tinh-nq05', '2026-W41'))).toBe(false);
    const malformed = digest('--week', '2026-W54');
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('--week must be an ISO week such as 2026-W47 (got "2026-W54")');
    expect(digest('--lang', 'fr').status).toBe(2);
  });

  it('has --help', () => {
    const help = runCli(['digest', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: dtwatch digest --catalog <file> [--week 2026-W47]');
  });
});
