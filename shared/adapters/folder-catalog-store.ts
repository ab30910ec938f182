import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CatalogStore } from '../ports/catalog-store.ts';
import { createObjectCatalogStore } from './object-catalog-store.ts';

/** The catalog store of the embedded default: `<dataDir>/catalogs/…`, beside the local table. */
export function createFolderCatalogStore(dataDir: string): CatalogStore {
  const root = resolve(dataDir);
  return createObjectCatalogStore({
    description: `catalogs in ${join(root, 'catalogs')}`,
    async get(key) {
      try {
        return await readFile(join(root, key), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(key, text) {
      const path = join(root, key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside then renamed: a run never reads a half-written pointer.
      const partial = `${path}.partial`;
      await writeFile(partial, text, 'utf8');
      await rename(partial, path);
    },
  });
}
