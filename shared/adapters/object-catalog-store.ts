import * as z from 'zod';
import type { PublishedCatalog } from '../domain/published-catalog.ts';
import type { CatalogStore } from '../ports/catalog-store.ts';

/**
 * The catalog store over any place that keeps named objects (an S3 bucket, a folder). Layout:
 * `catalogs/<programme>/<version>.json` holds each version's canonical text, never changed once
 * written (same name, same bytes); `catalogs/<programme>/current.json` is the pointer a run reads
 * first: the current version and every publication before it, newest first, which is what
 * `dtwatch catalog versions` lists and a rollback picks from.
 */
export interface ObjectPlace {
  /** undefined when there is no such object. */
  get(key: string): Promise<string | undefined>;
  put(key: string, text: string): Promise<void>;
  /** Where the objects are, for people (no secrets). */
  readonly description: string;
}

export const catalogObjectKey = (programme: string, version: string) =>
  `catalogs/${programme}/${version}.json`;
export const catalogPointerKey = (programme: string) => `catalogs/${programme}/current.json`;

const publication = z.object({ programme: z.string(), version: z.string(), publishedAt: z.string() });
const pointer = z.object({ current: publication, history: z.array(publication) });
type Pointer = z.infer<typeof pointer>;

export function createObjectCatalogStore(place: ObjectPlace): CatalogStore {
  const readPointer = async (programme: string): Promise<Pointer | undefined> => {
    const text = await place.get(catalogPointerKey(programme));
    if (text === undefined) return undefined;
    const parsed = pointer.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`${place.description}: ${catalogPointerKey(programme)} is not a catalog pointer`);
    }
    return parsed.data;
  };
  const point = async (entry: PublishedCatalog) => {
    const before = await readPointer(entry.programme);
    const next: Pointer = { current: entry, history: [entry, ...(before?.history ?? [])] };
    await place.put(catalogPointerKey(entry.programme), `${JSON.stringify(next, null, 2)}\n`);
  };
  return {
    async publish(entry, canonical) {
      // The version first: a pointer never names an object that is not there.
      await place.put(catalogObjectKey(entry.programme, entry.version), canonical);
      await point(entry);
    },
    async current(programme) {
      return (await readPointer(programme))?.current;
    },
    read(programme, version) {
      return place.get(catalogObjectKey(programme, version));
    },
    async versions(programme) {
      const seen = new Set<string>();
      return ((await readPointer(programme))?.history ?? []).filter((entry) => {
        if (seen.has(entry.version)) return false;
        seen.add(entry.version);
        return true;
      });
    },
    async use(entry) {
      if ((await place.get(catalogObjectKey(entry.programme, entry.version))) === undefined) return false;
      await point(entry);
      return true;
    },
  };
}
