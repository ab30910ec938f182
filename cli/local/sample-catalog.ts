import { resolve } from 'node:path';
import { createFolderCatalogStore } from '../../shared/adapters/folder-catalog-store.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import { publishedProgrammes } from '../../shared/use-cases/published-programmes.ts';
import { loadVersionedCatalogFile } from '../files.ts';

export interface SampleCatalog {
  readonly programme: Programme;
  /** The version this run publishes (first run only). */
  readonly published?: string;
  /** Set when the repository's file differs from the version the local store has as current. */
  readonly differs?: { readonly file: string; readonly fileVersion: string; readonly current: string };
}

/**
 * The local cycle takes its catalog the way the functions do: from the catalog store, current
 * version. On the first run the sample file is published there (as an operator publishes to the
 * stage's bucket); later runs keep what is current, so a `dtwatch catalog publish` or `rollback`
 * into the same data folder is what the next `npm start` judges against.
 */
export async function sampleCatalog(file: string, dataDir: string, clock: Clock): Promise<SampleCatalog> {
  const versioned = await loadVersionedCatalogFile(file);
  const id = versioned.catalog.programme.id;
  const catalogs = createFolderCatalogStore(resolve(dataDir));
  const current = await catalogs.current(id);
  if (current === undefined) {
    await catalogs.publish(
      { programme: id, version: versioned.version, publishedAt: clock.now().toISOString() },
      versioned.canonical,
    );
  }
  const programme = await publishedProgrammes(catalogs, resolve(dataDir))(id);
  return {
    programme,
    ...(current === undefined && { published: versioned.version }),
    ...(current !== undefined &&
      current.version !== versioned.version && {
        differs: { file, fileVersion: versioned.version, current: current.version },
      }),
  };
}
