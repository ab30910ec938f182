import { readFileSync, writeFileSync } from 'node:fs';
import { handoutSchema, type UnitJson, unitsFromHandout } from './catalog-units.ts';

/**
 * Writes the districts and communes of before and after 1 July 2025 into catalogs, from the
 * handout's admin-units file:
 *   npx tsx tools/generate-catalog-units.ts ../shared/data/admin-units-nghean-hatinh.json catalog/ha-tinh-nq05.json catalog/nghe-an.json
 * Each catalog keeps its province, departments, indicators and overrides; check them afterwards
 * with `dtwatch catalog check`.
 */
const [handoutPath, ...catalogPaths] = process.argv.slice(2);
if (!handoutPath || catalogPaths.length === 0) {
  console.error('usage: generate-catalog-units <admin-units.json> <catalog.json>...');
  process.exit(2);
}
try {
  const handout = handoutSchema.parse(JSON.parse(readFileSync(handoutPath, 'utf8')));
  for (const path of catalogPaths) {
    const catalog = JSON.parse(readFileSync(path, 'utf8')) as { units: UnitJson[] };
    catalog.units = unitsFromHandout(handout, catalog.units);
    writeFileSync(path, `${JSON.stringify(catalog, null, 2)}\n`);
    const counts = new Map<string, number>();
    for (const unit of catalog.units) counts.set(unit.level, (counts.get(unit.level) ?? 0) + 1);
    console.log(`${path}: ${[...counts].map(([level, count]) => `${count} ${level}`).join(', ')}`);
  }
} catch (error) {
  console.error(`generate-catalog-units: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
