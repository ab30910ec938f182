import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../shared/adapters/open-store.ts';
import { requiredOn, testCatalog } from './fixture.ts';

/** A scratch data folder for the CLI tests, with the test catalog written beside the store. */
export interface CliDataDir {
  readonly dir: string;
  readonly catalogFile: string;
  /** The catalog file's exact text (its version is the hash of it). */
  readonly catalogText: string;
  remove(): Promise<void>;
}

/**
 * The starting point of the notify, ack and history CLI tests: the test catalog and one report on
 * `date` in which Sở A is `behindBy` points under the trajectory, and Sở B and the province are 5
 * over it (only Sở A's head is owed an alert).
 */
export async function cliDataDirWithOneUnitBehind(
  prefix: string,
  date: string,
  options: { behindBy?: number; pretty?: boolean } = {},
): Promise<CliDataDir & { readonly value: number }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const catalogFile = join(dir, 'catalog.json');
  const catalogText = options.pretty ? JSON.stringify(testCatalog(), null, 2) : JSON.stringify(testCatalog());
  await writeFile(catalogFile, catalogText, 'utf8');
  const value = Math.round(requiredOn(date) - (options.behindBy ?? 8));
  const onTrack = Math.round(requiredOn(date) + 5);
  const opened = await openStore({ dataDir: dir });
  try {
    await opened.store.putObservations(
      'thu-nghiem',
      [
        { unit: 'so-a', indicator: 'ho-so', date, value },
        { unit: 'so-b', indicator: 'ho-so', date, value: onTrack },
        { unit: 'tinh', indicator: 'ho-so', date, value: onTrack },
      ],
      `${date}T00:00:00Z`,
    );
  } finally {
    await opened.close();
  }
  return { dir, catalogFile, catalogText, value, remove: () => rm(dir, { recursive: true, force: true }) };
}
