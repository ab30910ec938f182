import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../shared/errors.ts';
import { resetDataDir } from '../local/monitoring-cycle.ts';

/** Marks a folder as a simulation's own, so that the next simulation may wipe it. */
const MARKER = '.dtwatch-simulation';

/**
 * A replay is only meaningful from an empty store, so its folder is emptied first; but only a
 * folder that is new, empty or left by an earlier simulation: never someone's real data.
 * `say` is told before anything is deleted.
 */
export async function prepareSimulationFolder(dataDir: string, say: (line: string) => void): Promise<void> {
  const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const wipe = entries.includes(MARKER);
  if (entries.length > 0 && !wipe) {
    throw new UsageError(
      `${dataDir} is not empty and was not made by "dtwatch simulate"; choose a new or empty --data-dir`,
    );
  }
  if (wipe) {
    say(`deleting the previous simulation in ${dataDir}`);
    await resetDataDir(dataDir);
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, MARKER),
    'Made by "dtwatch simulate" (SAMPLE DATA); the next simulation deletes this folder.\n',
    'utf8',
  );
}
