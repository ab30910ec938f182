import type { Indicator, Target, Unit } from './catalog-schema.ts';

/**
 * Which target of an indicator a unit works to. A target may carry its own `validFrom`/`validTo`
 * (docs/catalog.md): it then applies to the units of its level whose whole validity lies inside
 * that window. This is how one level holds two plans side by side, e.g. the communes dissolved on
 * 2025-06-30 with a 2021 baseline and the communes created on 2025-07-01 with a first report after
 * the merger. Without dates a target covers every unit of its level, as the spec says.
 */
export function targetForUnit(indicator: Indicator, unit: Unit): Target | undefined {
  return indicator.targets.find((target) => target.level === unit.level && windowContains(target, unit));
}

export interface ValidityWindow {
  readonly validFrom?: string | undefined;
  readonly validTo?: string | undefined;
}

/** `inner` lies wholly inside `outer` (missing bounds are open). */
export function windowContains(outer: ValidityWindow, inner: ValidityWindow): boolean {
  const startsInside =
    outer.validFrom === undefined || (inner.validFrom !== undefined && inner.validFrom >= outer.validFrom);
  const endsInside =
    outer.validTo === undefined || (inner.validTo !== undefined && inner.validTo <= outer.validTo);
  return startsInside && endsInside;
}

/** The two windows share at least one day. */
export function windowsOverlap(a: ValidityWindow, b: ValidityWindow): boolean {
  const startsBeforeOtherEnds =
    a.validFrom === undefined || b.validTo === undefined || a.validFrom <= b.validTo;
  const endsAfterOtherStarts =
    a.validTo === undefined || b.validFrom === undefined || b.validFrom <= a.validTo;
  return startsBeforeOtherEnds && endsAfterOtherStarts;
}

/** "from 2025-07-01 to 2025-12-31", for messages; empty when the window is open. */
export function describeWindow(window: ValidityWindow): string {
  return [window.validFrom && `from ${window.validFrom}`, window.validTo && `to ${window.validTo}`]
    .filter(Boolean)
    .join(' ');
}
