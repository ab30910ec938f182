import type { Problem } from '../errors.ts';
import type { Catalog, Indicator, RankRules } from './catalog-schema.ts';
import { rankCountOn } from './rank-count.ts';
import { describeWindow, windowContains, windowsOverlap } from './target-validity.ts';

type Located = Problem & { location: string };

/**
 * Checks of our optional fields (docs/catalog.md) on targets: the rank rules of an indicator,
 * `hold` and `band` targets. Runs on a catalog that passed the schema.
 */
export function targetRuleProblems(catalog: Catalog): Located[] {
  const problems: Located[] = [];
  const add = (location: string, message: string) => problems.push({ location, message });
  catalog.indicators.forEach((indicator, i) => {
    const at = `indicators[${i}]`;
    const rank = indicator.rank;
    rank?.outOf?.forEach((entry, e) => {
      const previous = rank.outOf?.[e - 1];
      if (previous && entry.from <= previous.from) {
        add(`${at}.rank.outOf[${e}].from`, `must be after ${previous.from}: dates strictly increase`);
      }
      if (indicator.max !== undefined && entry.count > indicator.max) {
        add(`${at}.rank.outOf[${e}].count`, `${entry.count} is above the indicator's max ${indicator.max}`);
      }
    });
    indicator.targets.forEach((target, t) => {
      const targetAt = `${at}.targets[${t}]`;
      checkRankedValues(targetAt, rank, target.milestones, target.baseline, add);
      const kind = target.kind ?? 'trajectory';
      if (kind === 'band' && !target.band) add(`${targetAt}.band`, 'is required when kind is "band"');
      if (kind !== 'band' && target.band) add(`${targetAt}.band`, 'is only read when kind is "band"');
      if (kind === 'band' && target.band) checkBand(targetAt, indicator, target.band, target.milestones, add);
    });
  });
  catalog.overrides.forEach((override, o) => {
    const indicator = catalog.indicators.find((candidate) => candidate.id === override.indicator);
    if (indicator)
      checkRankedValues(`overrides[${o}]`, indicator.rank, override.milestones ?? [], override.baseline, add);
  });
  return problems;
}

/**
 * Checks of the reorganisation fields: a shared official code names one unit on any date, and a
 * unit lies wholly inside or wholly outside each dated target of its level.
 */
export function reorganisationProblems(catalog: Catalog): Located[] {
  const problems: Located[] = [];
  const byName = new Map<string, number[]>();
  catalog.units.forEach((unit, u) => {
    for (const name of new Set([unit.id, unit.code ?? unit.id])) {
      const list = byName.get(name) ?? [];
      list.push(u);
      byName.set(name, list);
    }
  });
  for (const [name, indexes] of byName) {
    indexes.forEach((u, k) => {
      const unit = catalog.units[u];
      const clash = indexes.slice(0, k).find((other) => {
        const earlier = catalog.units[other];
        // The same id twice is reported as a duplicate id already.
        return (
          earlier !== undefined &&
          unit !== undefined &&
          earlier.id !== unit.id &&
          windowsOverlap(earlier, unit)
        );
      });
      if (clash !== undefined && unit) {
        problems.push({
          location: `units[${u}].code`,
          message: `code "${name}" also names units[${clash}] on overlapping dates: a snapshot naming it would be ambiguous`,
        });
      }
    });
  }
  catalog.units.forEach((unit, u) => {
    catalog.indicators.forEach((indicator, i) => {
      indicator.targets.forEach((target, t) => {
        if (target.level !== unit.level || (!target.validFrom && !target.validTo)) return;
        if (windowsOverlap(target, unit) && !windowContains(target, unit)) {
          problems.push({
            location: `units[${u}]`,
            message: `unit "${unit.id}" (valid ${describeWindow(unit) || 'always'}) is only partly inside indicators[${i}].targets[${t}] (valid ${describeWindow(target)}): a unit must lie wholly inside a dated target`,
          });
        }
      });
    });
  });
  return problems;
}

function checkRankedValues(
  at: string,
  rank: RankRules | undefined,
  milestones: readonly { date: string; value: number }[],
  baseline: { date: string; value?: number | undefined } | undefined,
  add: (location: string, message: string) => void,
): void {
  if (!rank) return;
  const points = [
    ...milestones.map((point, m) => ({ ...point, location: `${at}.milestones[${m}].value` })),
    ...(baseline?.value !== undefined
      ? [{ date: baseline.date, value: baseline.value, location: `${at}.baseline.value` }]
      : []),
  ];
  for (const point of points) {
    const problem = rankValueProblem(rank, point.date, point.value);
    if (problem) add(point.location, problem);
  }
}

/** Why a value breaks the indicator's opt-in rank checks on `date`, or undefined. */
export function rankValueProblem(
  rank: RankRules | undefined,
  date: string,
  value: number,
): string | undefined {
  if (!rank) return undefined;
  if (rank.integer && !Number.isInteger(value)) return `${value} is not a whole rank`;
  const count = rankCountOn(rank, date);
  if (count !== undefined && value > count) return `rank ${value} is beyond the ${count} ranked on ${date}`;
  return undefined;
}

function checkBand(
  at: string,
  indicator: Indicator,
  band: { best: number; worst: number },
  milestones: readonly { value: number }[],
  add: (location: string, message: string) => void,
): void {
  const sign = indicator.direction === 'increase' ? 1 : -1;
  if (!(sign * (band.best - band.worst) > 0)) {
    const better = indicator.direction === 'increase' ? 'greater' : 'smaller';
    add(
      `${at}.band.best`,
      `must be ${better} than worst (${band.worst}) for a "${indicator.direction}" indicator`,
    );
    return;
  }
  // Milestones inside the band keep the trajectory's "achieved" within what the band calls met.
  const low = Math.min(band.best, band.worst);
  const high = Math.max(band.best, band.worst);
  milestones.forEach((milestone, m) => {
    if (milestone.value < low || milestone.value > high) {
      add(`${at}.milestones[${m}].value`, `${milestone.value} is outside the band [${low}, ${high}]`);
    }
  });
}
