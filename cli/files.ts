import { readFile } from 'node:fs/promises';
import type { Catalog } from '../shared/catalog/catalog-schema.ts';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { UsageError } from '../shared/errors.ts';

export async function readInputBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new UsageError(`${file}: ${reason}`, { cause: error });
  }
}

export async function loadCatalogFile(file: string): Promise<Catalog> {
  const bytes = await readInputBytes(file);
  return parseCatalog(bytes, file);
}
