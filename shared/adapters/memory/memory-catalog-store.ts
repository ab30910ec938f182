import type { PublishedCatalog } from '../../domain/published-catalog.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';

/** The catalog store in Maps: the tests' twin of the S3 and folder adapters. */
export function createMemoryCatalogStore(): CatalogStore {
  const texts = new Map<string, { entry: PublishedCatalog; canonical: string }>();
  const currents = new Map<string, PublishedCatalog>();
  const id = (programme: string, version: string) => `${programme}\u0000${version}`;
  return {
    async publish(entry, canonical) {
      texts.set(id(entry.programme, entry.version), { entry, canonical });
      currents.set(entry.programme, entry);
    },
    async current(programme) {
      return currents.get(programme);
    },
    async read(programme, version) {
      return texts.get(id(programme, version))?.canonical;
    },
    async versions(programme) {
      return [...texts.values()]
        .map((stored) => stored.entry)
        .filter((entry) => entry.programme === programme)
        .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    },
    async use(entry) {
      if (!texts.has(id(entry.programme, entry.version))) return false;
      currents.set(entry.programme, entry);
      return true;
    },
  };
}
