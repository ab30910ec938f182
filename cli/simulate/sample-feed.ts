import type { Programme } from '../../shared/catalog/programme.ts';
import type { SourceDelivery } from '../../shared/ports/source-fetcher.ts';
import type { SampleDataset } from '../../shared/sample/sample-programme-data.ts';
import type { SourceEntry, SourcesFile } from '../../shared/sources/source-config.ts';

/**
 * The sample source of `npm start` without the HTTP server: the same two sources (agencies'
 * JSON API, districts' and communes' export), each offering the rows that became known since the
 * previous run. Offering only the news keeps a year of weekly runs from re-reading the whole
 * history every week; the store would skip the unchanged rows anyway.
 */
export interface SampleFeed {
  readonly sources: SourcesFile;
  /** What every source offers on a run on `today`, the previous run having been on `since`. */
  deliveriesFor(source: SourceEntry, since: string | undefined, today: string): SourceDelivery[];
}

const AGENCY_LEVELS = new Set(['province', 'department']);

export function createSampleFeed(programme: Programme, dataset: SampleDataset): SampleFeed {
  const isAgency = (unit: string) => AGENCY_LEVELS.has(programme.units.get(unit)?.level ?? '');
  const rowsOf: Record<string, (unit: string) => boolean> = {
    'agencies-api': isAgency,
    'communes-export': (unit) => !isAgency(unit),
  };
  const sources: SourcesFile = {
    programme: programme.id,
    sources: [
      { id: 'agencies-api', kind: 'http-json', url: 'http://127.0.0.1/api/agencies/snapshots.json' },
      { id: 'communes-export', kind: 'http-json', url: 'http://127.0.0.1/exports/communes.json' },
    ],
    allowHosts: ['127.0.0.1'],
  };
  return {
    sources,
    deliveriesFor(source, since, today) {
      const belongs = rowsOf[source.id];
      if (!belongs) return [];
      const isNew = (date: string) => date <= today && (since === undefined || date > since);
      const snapshots: unknown[] = [
        ...dataset.observations.filter((row) => belongs(row.unit) && isNew(row.date)),
        // Rows wrong on purpose come from the local systems, as with `npm start`.
        ...(source.id === 'communes-export' ? dataset.badRows.filter((row) => isNew(row.date)) : []),
      ];
      if (snapshots.length === 0) return [];
      const bytes = new TextEncoder().encode(JSON.stringify({ snapshots }));
      const name = new URL(source.kind === 's3-csv' ? 'http://127.0.0.1/' : source.url).pathname;
      return [{ name, read: async () => ({ bytes, formatHint: 'application/json' }) }];
    },
  };
}
