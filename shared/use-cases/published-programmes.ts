import { readVersionedCatalog, versionedProgramme } from '../catalog/catalog-version.ts';
import type { Programme } from '../catalog/programme.ts';
import { ConfigError } from '../errors.ts';
import type { CatalogStore } from '../ports/catalog-store.ts';
import { oncePerKey } from '../runtime/memo.ts';

/**
 * The programme as currently published, for a run that starts now: one small read of the pointer
 * each time, the catalog itself read and checked once per version for the life of the process
 * (a Lambda container), so a catalog published between two runs is used by the second one.
 */
export function publishedProgrammes(
  catalogs: CatalogStore,
  where: string,
): (programme: string) => Promise<Programme> {
  const build = oncePerKey(async (key: string) => {
    const [programme = '', version = ''] = key.split('@');
    const text = await catalogs.read(programme, version);
    const name = `${where}/catalogs/${programme}/${version}.json`;
    if (text === undefined) throw new ConfigError(`${name} is named current but is not there`);
    const versioned = readVersionedCatalog(text, name);
    if (versioned.version !== version || versioned.catalog.programme.id !== programme) {
      throw new ConfigError(`${name} does not hold version ${version} of ${programme}`);
    }
    return versionedProgramme(versioned);
  });
  return async (programme) => {
    const current = await catalogs.current(programme);
    if (!current) {
      throw new ConfigError(
        `no catalog is published for "${programme}" in ${where}: publish it first (dtwatch catalog publish <file>)`,
      );
    }
    return build(`${programme}@${current.version}`);
  };
}
