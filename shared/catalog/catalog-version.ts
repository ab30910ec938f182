import { createHash } from 'node:crypto';
import { decodeUtf8 } from '../input-text.ts';
import type { Catalog } from './catalog-schema.ts';
import { MAX_CATALOG_BYTES, parseCatalog } from './parse-catalog.ts';
import { buildProgramme, type Programme } from './programme.ts';

/**
 * A catalog's version is the hash of its canonical bytes: the JSON with keys sorted and no
 * whitespace. Re-indenting or reordering a file keeps its version; changing any value gives a new
 * one. The same file has the same version whether it is read locally or published, and a
 * published object's name can be checked against its content.
 */
export const CATALOG_VERSION_PATTERN = /^[0-9a-f]{12}$/;

export interface VersionedCatalog {
  readonly catalog: Catalog;
  readonly version: string;
  /** What is published: the canonical JSON text. */
  readonly canonical: string;
}

/** Parses, checks (every problem named, as `catalog check` does) and versions a catalog. */
export function readVersionedCatalog(input: string | Uint8Array, file: string): VersionedCatalog {
  const text = typeof input === 'string' ? input : decodeUtf8(input, file, MAX_CATALOG_BYTES);
  const catalog = parseCatalog(text, file);
  const canonical = canonicalJson(JSON.parse(text.replace(/^\uFEFF/, '')));
  return { catalog, version: catalogVersionOf(canonical), canonical };
}

export function catalogVersionOf(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 12);
}

/** The programme of a versioned catalog: every record it leads to names the version. */
export function versionedProgramme(versioned: VersionedCatalog): Programme {
  return { ...buildProgramme(versioned.catalog), catalogVersion: versioned.version };
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
