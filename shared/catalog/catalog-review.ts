import type { Programme } from './programme.ts';

/** What an operator should know about a valid catalog: sizes and things that will not work well. */
export interface CatalogReview {
  programme: string;
  indicators: number;
  units: number;
  series: number;
  seriesPerLevel: Record<string, number>;
  unitsPerLevel: Record<string, number>;
  warnings: string[];
}

export function reviewCatalog(programme: Programme): CatalogReview {
  const { catalog } = programme;
  const seriesPerLevel: Record<string, number> = {};
  const unitsPerLevel: Record<string, number> = {};
  const seriesPerUnit = new Map<string, number>();
  for (const unit of catalog.units) unitsPerLevel[unit.level] = (unitsPerLevel[unit.level] ?? 0) + 1;
  for (const plan of programme.series) {
    const level = programme.units.get(plan.unit)?.level ?? '?';
    seriesPerLevel[level] = (seriesPerLevel[level] ?? 0) + 1;
    seriesPerUnit.set(plan.unit, (seriesPerUnit.get(plan.unit) ?? 0) + 1);
  }

  const warnings: string[] = [];
  const unreachable = catalog.units.filter((unit) => !unit.head?.email && !unit.head?.phone);
  if (unreachable.length > 0) {
    warnings.push(
      `${unreachable.length} unit(s) cannot be alerted (no head e-mail or phone): ${list(unreachable.map((unit) => unit.id))} (unless the directory names their heads)`,
    );
  }
  const contacts =
    catalog.units.filter((unit) => unit.head || unit.dataContact).length +
    catalog.programme.steeringCommittee.length;
  if (contacts > 0) {
    warnings.push(
      `${contacts} contact(s) in the catalog (heads, data contacts, steering committee): people belong in the directory (dtwatch directory import); catalog contacts are only a fallback where the directory names nobody`,
    );
  }
  const placeholders = catalog.units.filter((unit) => unit.head?.placeholder).length;
  if (placeholders > 0)
    warnings.push(`${placeholders} unit head(s) are placeholders: replace them before deploying`);
  const idle = catalog.units.filter((unit) => !seriesPerUnit.has(unit.id));
  if (idle.length > 0) {
    warnings.push(
      `${idle.length} unit(s) have no series (no indicator has a target for their level and dates): ${list(idle.map((unit) => unit.id))}`,
    );
  }
  const levels = new Set(catalog.units.map((unit) => unit.level));
  for (const indicator of catalog.indicators) {
    for (const target of indicator.targets) {
      if (!levels.has(target.level)) {
        warnings.push(`indicator "${indicator.id}" targets level "${target.level}", which no unit has`);
      }
    }
  }
  if (catalog.programme.steeringCommittee.length === 0) {
    warnings.push(
      'no steering committee: escalations from top-level units and the weekly digest have no recipient',
    );
  }
  return {
    programme: catalog.programme.id,
    indicators: catalog.indicators.length,
    units: catalog.units.length,
    series: programme.series.length,
    seriesPerLevel,
    unitsPerLevel,
    warnings,
  };
}

function list(ids: readonly string[]): string {
  return ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more`;
}
