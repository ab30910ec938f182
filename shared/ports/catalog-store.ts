import type { PublishedCatalog } from '../domain/published-catalog.ts';

/**
 * Where programme catalogs are published: every version kept under its content hash, and a
 * pointer to the current one, which each run reads first. A versioned S3 bucket in AWS, a folder
 * of the local data directory for the embedded store, a Map in tests.
 */
export interface CatalogStore {
  /** Stores the canonical text under its version (rewriting it is harmless) and makes it current. */
  publish(entry: PublishedCatalog, canonical: string): Promise<void>;
  /** The current version, undefined when nothing was published for the programme. */
  current(programme: string): Promise<PublishedCatalog | undefined>;
  /** The canonical text of a published version; undefined when it was never published. */
  read(programme: string, version: string): Promise<string | undefined>;
  /** Every published version, newest first. */
  versions(programme: string): Promise<PublishedCatalog[]>;
  /** Makes a version published earlier current again; false (nothing changed) when it never was. */
  use(entry: PublishedCatalog): Promise<boolean>;
}
