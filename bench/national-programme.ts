import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../shared/catalog/programme.ts';
import type { NationalDataset } from './national-dataset.ts';

interface CatalogUnit {
  id: string;
  level: string;
  parent?: string;
  head?: Record<string, unknown>;
}

/**
 * The benchmark's national programme: the generated catalog, every head also given an address
 * that can never be delivered (RFC 2606), so that e-mail alerts are rendered and sent too. The
 * national run and the evaluate-notify probe build the same one.
 */
export function benchNationalProgramme(dataset: NationalDataset): {
  programme: Programme;
  provinceOf: ReadonlyMap<string, string>;
} {
  const catalog = JSON.parse(dataset.catalogText) as { units: CatalogUnit[] };
  for (const unit of catalog.units) {
    unit.head = { ...unit.head, email: `head-${unit.id.toLowerCase()}@example.invalid` };
  }
  const programme = buildProgramme(parseCatalog(JSON.stringify(catalog), 'bench-national.json'));
  const provinceOf = new Map(
    catalog.units.filter((unit) => unit.level === 'commune').map((unit) => [unit.id, unit.parent ?? '']),
  );
  return { programme, provinceOf };
}
