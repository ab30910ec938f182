import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVersionedCatalog } from '../../shared/catalog/catalog-version.ts';
import { cliDataDirWithOneUnitBehind } from '../alerts/support/cli-data-dir.ts';
import { CONTACTS, requiredOn } from '../alerts/support/fixture.ts';
import { cliInProcess as cli } from '../support/in-process-cli.ts';

/**
 * A notification sent by `dtwatch notify` (outbox) is on the unit's audit trail with the value,
 * observation date, required value and catalog version it was based on; acknowledgements and
 * directory changes join the same timeline; recipients are masked unless asked for.
 */

let dir: string;
let catalogFile: string;
let version: string;
let remove: () => Promise<void>;
const DATE = '2025-03-03';
const VALUE = Math.round(requiredOn(DATE) - 8);

beforeAll(async () => {
  const prepared = await cliDataDirWithOneUnitBehind('dtwatch-history-', DATE, { pretty: true });
  ({ dir, catalogFile, remove } = prepared);
  version = readVersionedCatalog(prepared.catalogText, catalogFile).version;
  const notify = await cli([
    'notify',
    '--catalog',
    catalogFile,
    '--now',
    '2025-03-03T08:00:00+07:00',
    '--data-dir',
    dir,
  ]);
  expect(notify.status, notify.stderr).toBe(0);
}, 60_000);

afterAll(() => remove());

describe('dtwatch history', () => {
  it('shows each message with the value, date, required value and catalog version it was based on', async () => {
    const run = await cli([
      'history',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--format',
      'json',
      '--data-dir',
      dir,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout);
    const messages = rows.filter((row: { kind: string }) => row.kind === 'notification');
    expect(messages.map((row: { what: string }) => row.what).sort()).toEqual(['email', 'sms']);
    for (const row of messages) {
      expect(row).toMatchObject({
        indicator: 'ho-so',
        value: VALUE,
        date: DATE,
        catalogVersion: version,
        status: expect.stringContaining('behind'),
      });
      expect(row.required).toBeCloseTo(requiredOn(DATE), 0);
      expect(row.detail).toMatch(/alert 2025-03-03, sha256 [0-9a-f]{12}…, \d+ chars/);
    }
    // Masked by default: the office can ask for the address.
    expect(run.stdout).not.toContain(CONTACTS.headA.email);
    expect(run.stdout).not.toContain(CONTACTS.headA.phone);
    const shown = await cli([
      'history',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--show-contacts',
      '--data-dir',
      dir,
    ]);
    expect(shown.stdout).toContain(CONTACTS.headA.email);
  });

  it('the outbox message carries the same catalog version as a header', async () => {
    const files = await readdir(join(dir, 'outbox'));
    const texts = await Promise.all(files.map((file) => readFile(join(dir, 'outbox', file), 'utf8')));
    for (const text of texts) expect(text).toContain(`Catalog-Version: ${version}\n`);
  });

  it('exports CSV for a spreadsheet, and adds acknowledgements and directory changes to the timeline', async () => {
    const ack = await cli([
      'ack',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--indicator',
      'ho-so',
      '--until',
      '2099-12-31',
      '--note',
      'Kế hoạch: số hoá hồ sơ tồn',
      '--by',
      'van-phong',
      '--data-dir',
      dir,
    ]);
    expect(ack.status, ack.stderr).toBe(0);
    const set = await cli([
      'directory',
      'set',
      '--catalog',
      catalogFile,
      '--role',
      'head',
      '--unit',
      'so-a',
      '--name',
      'Giám đốc mới (mẫu)',
      '--email',
      'giam-doc-moi@example.com',
      '--data-dir',
      dir,
    ]);
    expect(set.status, set.stderr).toBe(0);
    const run = await cli([
      'history',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--format',
      'csv',
      '--data-dir',
      dir,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('at,kind,what,who,indicator,status,value,date,required,catalogVersion,detail');
    const kinds = lines.slice(1).map((line) => line.split(',')[1]);
    expect(kinds[0]).toBe('directory');
    expect(kinds).toContain('acknowledgement');
    expect(kinds.filter((kind) => kind === 'notification')).toHaveLength(2);
    expect(run.stdout).toContain('Kế hoạch: số hoá hồ sơ tồn');
    expect(run.stdout).not.toContain('giam-doc-moi@example.com');
  });

  it('refuses a unit the catalog does not have (usage, exit 2)', async () => {
    const run = await cli(['history', '--catalog', catalogFile, '--unit', 'khong-co', '--data-dir', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"khong-co" is not a unit of thu-nghiem');
  });
});
