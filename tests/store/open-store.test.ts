import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStoreBusyError } from '../../shared/adapters/dynamodb/embedded-dynalite.ts';
import { openStore, readStoreConfig } from '../../shared/adapters/open-store.ts';
import { ConfigError } from '../../shared/errors.ts';

const folders: string[] = [];
const freshFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'dtwatch-open-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('openStore without DTWATCH_TABLE (embedded dynalite)', () => {
  it('creates its table on first use and keeps the data across close and reopen', async () => {
    const dataDir = freshFolder();
    const first = await openStore({ dataDir, env: {} });
    expect(first.tableCreated).toBe(true);
    expect(first.description).toContain(dataDir);
    await first.store.putObservations(
      'ha-tinh',
      [{ unit: '42', indicator: 'dossiers', date: '2026-01-31', value: 40 }],
      '2026-02-01T00:00:00Z',
    );
    await first.close();

    const second = await openStore({ dataDir, env: {} });
    try {
      expect(second.tableCreated).toBe(false);
      expect(await second.store.programmeObservations('ha-tinh')).toEqual([
        { unit: '42', indicator: 'dossiers', date: '2026-01-31', value: 40 },
      ]);
    } finally {
      await second.close();
    }
  });

  it('takes the folder from DTWATCH_DATA_DIR, and --data-dir over it', async () => {
    const fromEnv = freshFolder();
    const fromOption = freshFolder();
    const viaEnv = await openStore({ env: { DTWATCH_DATA_DIR: fromEnv } });
    await viaEnv.close();
    expect(viaEnv.description).toContain(fromEnv);
    const viaOption = await openStore({ dataDir: fromOption, env: { DTWATCH_DATA_DIR: fromEnv } });
    await viaOption.close();
    expect(viaOption.description).toContain(fromOption);
  });

  it('refuses a data folder that another store holds open', async () => {
    const dataDir = freshFolder();
    const holder = await openStore({ dataDir, env: {} });
    try {
      await expect(openStore({ dataDir, env: {} })).rejects.toBeInstanceOf(EmbeddedStoreBusyError);
    } finally {
      await holder.close();
    }
  });
});

describe('readStoreConfig', () => {
  it('names the variable that is wrong', () => {
    expect(() => readStoreConfig({ DTWATCH_TABLE: 'no spaces allowed' })).toThrow(ConfigError);
    expect(() => readStoreConfig({ DTWATCH_TABLE: 'no spaces allowed' })).toThrow(/DTWATCH_TABLE/);
  });

  it('treats an empty DTWATCH_TABLE as unset', () => {
    expect(readStoreConfig({ DTWATCH_TABLE: '' }).table).toBeUndefined();
    expect(readStoreConfig({ DTWATCH_TABLE: 'dtwatch-prod' }).table).toBe('dtwatch-prod');
  });
});
