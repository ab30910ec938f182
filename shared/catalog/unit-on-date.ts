import type { Unit } from './catalog-schema.ts';
import { isUnitValidOn, type Programme } from './programme.ts';

const indexes = new WeakMap<Programme, Map<string, Unit[]>>();

/**
 * The unit a snapshot means when it names `name` on `date`. A name is a unit id or an official
 * `code`; after the 1 July 2025 reorganisation a new commune often reuses an old commune's code
 * (18073 was Phường Nam Hà until 2025-06-30 and is Phường Thành Sen from 2025-07-01), so the unit
 * valid on the snapshot's date wins. When none is valid that day, the unit with that id (else the
 * first with that code) is returned so that the caller can say why the date does not fit it;
 * undefined when nothing has that name.
 */
export function unitOnDate(programme: Programme, name: string, date: string): Unit | undefined {
  const candidates = namedUnits(programme).get(name);
  if (!candidates) return undefined;
  return candidates.find((unit) => isUnitValidOn(unit, date)) ?? programme.units.get(name) ?? candidates[0];
}

function namedUnits(programme: Programme): Map<string, Unit[]> {
  let index = indexes.get(programme);
  if (!index) {
    index = new Map();
    for (const unit of programme.catalog.units) {
      for (const name of new Set([unit.id, unit.code ?? unit.id])) {
        const list = index.get(name) ?? [];
        list.push(unit);
        index.set(name, list);
      }
    }
    indexes.set(programme, index);
  }
  return index;
}
