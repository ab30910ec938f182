import * as z from 'zod';

/**
 * The administrative units of one province before and after 1 July 2025, as the handout file
 * (derived from github.com/dvhcvn/20250701, MIT) lists them, turned into catalog units:
 * - the districts, valid to 2025-06-30;
 * - the communes of before the merger, valid to 2025-06-30 under their former district, with the
 *   id `pre2025-<code>` and their official `code`;
 * - the communes from 2025-07-01 under the province, with their code as id and `code`, and
 *   `mergedFrom` naming the ids of the old communes they were formed from.
 */
export const LAST_DAY_BEFORE_MERGER = '2025-06-30';
export const FIRST_DAY_AFTER_MERGER = '2025-07-01';
export const OLD_COMMUNE_PREFIX = 'pre2025-';

const named = z.object({ code: z.string().min(1), name: z.string().min(1) });
export const handoutSchema = z.object({
  provinces: z.array(
    named.extend({
      before20250701: z.object({
        districts: z.array(named),
        communes: z.array(named.extend({ district: z.string().min(1) })),
      }),
      from20250701: z.object({
        communes: z.array(
          named.extend({ mergedFrom: z.array(named.extend({ type: z.string().optional() })) }),
        ),
      }),
    }),
  ),
});
export type Handout = z.infer<typeof handoutSchema>;
type HandoutProvince = Handout['provinces'][number];

/** A catalog unit as JSON: the generated fields, then whatever the catalog already said. */
export type UnitJson = Record<string, unknown> & { id: string; level: string };

/** Levels this generator owns in a catalog; the province and departments are left as they are. */
const GENERATED_LEVELS = new Set(['district', 'commune']);

/**
 * The catalog's units with the district and commune levels replaced by the handout's for the
 * province the catalog's province unit names. A generated unit keeps the fields the catalog
 * already gave it (head, data contact, notes, weight); a unit new to the catalog gets an
 * e-mail-only placeholder head.
 */
export function unitsFromHandout(handout: Handout, units: readonly UnitJson[]): UnitJson[] {
  const provinceUnit = units.find((unit) => unit.level === 'province');
  const province = handout.provinces.find((candidate) => candidate.code === provinceUnit?.id);
  if (!provinceUnit || !province) {
    throw new Error(
      `the catalog's province unit (${provinceUnit?.id ?? 'none'}) is not a province of the handout (${handout.provinces.map((p) => p.code).join(', ')})`,
    );
  }
  const existing = new Map(units.map((unit) => [unit.id, unit]));
  const keep = (unit: UnitJson): UnitJson => {
    const before = existing.get(unit.id);
    const extra = Object.fromEntries(Object.entries(before ?? {}).filter(([key]) => !(key in unit)));
    return { ...unit, ...(before ? extra : { head: placeholderHead(unit) }) };
  };
  return [
    ...units.filter((unit) => !GENERATED_LEVELS.has(unit.level)),
    ...generatedUnits(province, provinceUnit.id).map(keep),
  ];
}

function generatedUnits(province: HandoutProvince, provinceId: string): UnitJson[] {
  const oldCodes = new Set(province.before20250701.communes.map((commune) => commune.code));
  const districts = province.before20250701.districts.map((district) => ({
    id: district.code,
    code: district.code,
    name: district.name,
    level: 'district',
    parent: provinceId,
    validTo: LAST_DAY_BEFORE_MERGER,
  }));
  const oldCommunes = province.before20250701.communes.map((commune) => ({
    id: `${OLD_COMMUNE_PREFIX}${commune.code}`,
    code: commune.code,
    name: commune.name,
    level: 'commune',
    parent: commune.district,
    validTo: LAST_DAY_BEFORE_MERGER,
  }));
  const newCommunes = province.from20250701.communes.map((commune) => ({
    id: commune.code,
    code: commune.code,
    name: commune.name,
    level: 'commune',
    parent: provinceId,
    validFrom: FIRST_DAY_AFTER_MERGER,
    // Predecessors in the catalog are named by their ids (catalog.md); others keep their code.
    mergedFrom: commune.mergedFrom.map((old) =>
      oldCodes.has(old.code) ? `${OLD_COMMUNE_PREFIX}${old.code}` : old.code,
    ),
  }));
  return [...districts, ...oldCommunes, ...newCommunes];
}

function placeholderHead(unit: { id: string; name?: unknown }): Record<string, unknown> {
  const name = String(unit.name ?? unit.id);
  const office = name.startsWith('Phường') ? 'phường' : name.startsWith('Thị trấn') ? 'thị trấn' : 'xã';
  return {
    name: `Chủ tịch UBND ${office}, ${name} (placeholder)`,
    email: `head-${unit.id}@example.com`,
    placeholder: true,
  };
}
