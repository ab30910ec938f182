import type { Problem } from '../errors.ts';
import type { Catalog } from './catalog-schema.ts';
import { reorganisationProblems, targetRuleProblems } from './catalog-target-rules.ts';
import { describeWindow, targetForUnit, windowsOverlap } from './target-validity.ts';

/**
 * Cross-reference rules that a schema cannot express: unique ids, parents that exist, no cycles,
 * overrides naming real series, bounds that make sense. Runs on a catalog that passed the schema.
 */
export function crossReferenceProblems(catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  const add = (location: string, message: string) => problems.push({ location, message });

  const unitIndex = firstIndexById(catalog.units, (location, id, first) =>
    add(`units[${location}].id`, `duplicate unit id "${id}" (first used at units[${first}])`),
  );
  const indicatorIndex = firstIndexById(catalog.indicators, (location, id, first) =>
    add(`indicators[${location}].id`, `duplicate indicator id "${id}" (first used at indicators[${first}])`),
  );

  catalog.indicators.forEach((indicator, i) => {
    checkBounds(`indicators[${i}]`, indicator.min, indicator.max, add);
    if (indicator.owner !== undefined && !unitIndex.has(indicator.owner)) {
      add(`indicators[${i}].owner`, `unknown unit "${indicator.owner}"`);
    }
    indicator.targets.forEach((target, t) => {
      const at = `indicators[${i}].targets[${t}]`;
      // A level may have several targets only for disjoint validity windows (docs/catalog.md).
      const seen = indicator.targets
        .slice(0, t)
        .findIndex((other) => other.level === target.level && windowsOverlap(other, target));
      if (seen >= 0) {
        const window = describeWindow(target);
        add(
          `${at}.level`,
          `level "${target.level}" already has a target at targets[${seen}]${window ? ` valid ${window}` : ''}`,
        );
      }
      if (target.validFrom && target.validTo && target.validFrom > target.validTo) {
        add(`${at}.validTo`, `${target.validTo} is before validFrom ${target.validFrom}`);
      }
      const min = target.min ?? indicator.min;
      const max = target.max ?? indicator.max;
      if (target.min !== undefined || target.max !== undefined) checkBounds(at, min, max, add);
      checkValuesInBounds(at, target.milestones, target.baseline, min, max, add);
    });
  });

  catalog.units.forEach((unit, u) => {
    const at = `units[${u}]`;
    if (unit.parent !== undefined) {
      if (unit.parent === unit.id) add(`${at}.parent`, `unit "${unit.id}" cannot be its own parent`);
      else if (!unitIndex.has(unit.parent)) add(`${at}.parent`, `unknown unit "${unit.parent}"`);
    }
    if (unit.validFrom && unit.validTo && unit.validFrom > unit.validTo) {
      add(`${at}.validTo`, `${unit.validTo} is before validFrom ${unit.validFrom}`);
    }
  });
  for (const cycle of parentCycles(catalog)) {
    add(`units[${unitIndex.get(cycle[0] as string)}].parent`, `parent cycle: ${cycle.join(' → ')}`);
  }

  const overridden = new Map<string, number>();
  catalog.overrides.forEach((override, o) => {
    const at = `overrides[${o}]`;
    const unitAt = unitIndex.get(override.unit);
    const indicatorAt = indicatorIndex.get(override.indicator);
    if (unitAt === undefined) add(`${at}.unit`, `unknown unit "${override.unit}"`);
    if (indicatorAt === undefined) add(`${at}.indicator`, `unknown indicator "${override.indicator}"`);
    if (unitAt === undefined || indicatorAt === undefined) return;
    const unit = catalog.units[unitAt];
    const indicator = catalog.indicators[indicatorAt];
    if (!unit || !indicator) return;
    const target = targetForUnit(indicator, unit);
    if (!target) {
      add(
        at,
        `no series for unit "${unit.id}" and indicator "${indicator.id}": the indicator has no target for level "${unit.level}"`,
      );
      return;
    }
    const key = `${override.unit}\u0000${override.indicator}`;
    const earlier = overridden.get(key);
    if (earlier !== undefined) add(at, `series already overridden at overrides[${earlier}]`);
    else overridden.set(key, o);
    const min = override.min ?? target.min ?? indicator.min;
    const max = override.max ?? target.max ?? indicator.max;
    if (override.min !== undefined || override.max !== undefined) checkBounds(at, min, max, add);
    checkValuesInBounds(at, override.milestones ?? [], override.baseline, min, max, add);
    if (override.baselineFrom === 'predecessors' && !unit.mergedFrom?.length) {
      add(`${at}.baselineFrom`, `unit "${unit.id}" has no mergedFrom to take a baseline from`);
    }
  });

  problems.push(...targetRuleProblems(catalog), ...reorganisationProblems(catalog));
  return problems;
}

function firstIndexById(
  items: readonly { id: string }[],
  onDuplicate: (at: number, id: string, first: number) => void,
): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, at) => {
    const first = index.get(item.id);
    if (first === undefined) index.set(item.id, at);
    else onDuplicate(at, item.id, first);
  });
  return index;
}

function checkBounds(
  at: string,
  min: number | undefined,
  max: number | undefined,
  add: (location: string, message: string) => void,
): void {
  if (min !== undefined && max !== undefined && !(min < max)) {
    add(`${at}.max`, `max (${max}) must be greater than min (${min})`);
  }
}

function checkValuesInBounds(
  at: string,
  milestones: readonly { date: string; value: number }[],
  baseline: { value?: number | undefined } | undefined,
  min: number | undefined,
  max: number | undefined,
  add: (location: string, message: string) => void,
): void {
  if (min !== undefined && max !== undefined && !(min < max)) return;
  const outside = (value: number) => (min !== undefined && value < min) || (max !== undefined && value > max);
  const range = `[${min ?? '-∞'}, ${max ?? '∞'}]`;
  milestones.forEach((milestone, m) => {
    if (outside(milestone.value))
      add(`${at}.milestones[${m}].value`, `${milestone.value} is outside ${range}`);
  });
  if (baseline?.value !== undefined && outside(baseline.value)) {
    add(`${at}.baseline.value`, `${baseline.value} is outside ${range}`);
  }
}

/** Each cycle once, as the ids along it, starting from the unit listed first. */
function parentCycles(catalog: Catalog): string[][] {
  const parentOf = new Map(catalog.units.map((unit) => [unit.id, unit.parent]));
  const settled = new Set<string>();
  const cycles: string[][] = [];
  for (const unit of catalog.units) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = unit.id;
    while (current !== undefined && !settled.has(current) && parentOf.has(current)) {
      if (onPath.has(current)) {
        const cycle = path.slice(path.indexOf(current));
        // A self-parent is reported on its own; only longer loops are listed here.
        if (cycle.length > 1) cycles.push([...cycle, current]);
        break;
      }
      onPath.add(current);
      path.push(current);
      current = parentOf.get(current);
    }
    for (const id of path) settled.add(id);
  }
  return cycles;
}
