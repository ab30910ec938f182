import { open } from 'node:fs/promises';
import type { Catalog } from '../shared/catalog/catalog-schema.ts';
import {
  readVersionedCatalog,
  type VersionedCatalog,
  versionedProgramme,
} from '../shared/catalog/catalog-version.ts';
import { MAX_CATALOG_BYTES, parseCatalog } from '../shared/catalog/parse-catalog.ts';
import type { Programme } from '../shared/catalog/programme.ts';
import { UsageError } from '../shared/errors.ts';
import { tooLargeError } from '../shared/input-text.ts';

/** The whole file, refused before it is read when it is larger than `maxBytes`. */
export async function readInputBytes(file: string, maxBytes: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLargeError(file, size, maxBytes);
    return await handle.readFile();
  } catch (error) {
    throw asUsageError(error, file);
  } finally {
    await handle?.close();
  }
}

/** A file that cannot be opened or read is a mistake in the command line (exit 2), named plainly. */
export function asUsageError(error: unknown, file: string): unknown {
  if (!(error instanceof Error && 'code' in error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
  return new UsageError(`${file}: ${reason}`, { cause: error });
}

export async function loadCatalogFile(file: string): Promise<Catalog> {
  const bytes = await readInputBytes(file, MAX_CATALOG_BYTES);
  return parseCatalog(bytes, file);
}

/** A catalog file checked and versioned by its content hash (what `catalog publish` uploads). */
export async function loadVersionedCatalogFile(file: string): Promise<VersionedCatalog> {
  return readVersionedCatalog(await readInputBytes(file, MAX_CATALOG_BYTES), file);
}

/** The programme of a catalog file, carrying the file's content hash as its catalog version. */
export async function loadProgrammeFile(file: string): Promise<Programme> {
  return versionedProgramme(await loadVersionedCatalogFile(file));
}
