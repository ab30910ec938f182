import type { NoticeEvent } from '../alerts/alert-notice.ts';
import type { MessageItem, NamedUnit } from './message-item.ts';

/** One line of a roll-up's worst list, with the child alerts of the same indicator it stands for. */
export interface RollUpLine {
  readonly item: MessageItem;
  readonly children: number;
}

/** How many alerts share something (a status, a unit below, an indicator). */
export interface Tally<T> {
  readonly key: T;
  readonly alerts: number;
}

/**
 * What a higher level, the committee or an indicator's owner reads instead of a list of every
 * child: counts by status and by what happened, by unit right below and by indicator, and the
 * few worst alerts with their figures.
 */
export interface RollUp {
  readonly alerts: number;
  readonly units: number;
  /** Open problems by alert kind, most frequent first (resolutions are counted in `events`). */
  readonly byKind: readonly Tally<string>[];
  readonly events: Readonly<Record<NoticeEvent, number>>;
  readonly byBranch: readonly Tally<NamedUnit>[];
  readonly byIndicator: readonly Tally<{ readonly id: string; readonly name: string }>[];
  /** The worst open problems, most severe first, at most the limit asked for. */
  readonly worst: readonly RollUpLine[];
  /** Open problems left out of `worst` because their parent's line covers them. */
  readonly heldBack: number;
}

/**
 * Summarises `items` (in severity order, as planned). A child's alert is held back from the
 * worst list when an alert of the same indicator of a unit above it is in the same roll-up: the
 * parent's line stands for it ("with 7 units under it"), so the reader is not told the same
 * thing once per commune.
 */
export function rollUp(items: readonly MessageItem[], worstLimit: number): RollUp {
  const events: Record<NoticeEvent, number> = { opened: 0, reminder: 0, escalated: 0, resolved: 0 };
  const units = new Set<string>();
  const byKind = new Map<string, number>();
  const byBranch = new Map<string, { unit: NamedUnit; alerts: number }>();
  const byIndicator = new Map<string, { key: { id: string; name: string }; alerts: number }>();
  const problems: MessageItem[] = [];
  for (const item of items) {
    events[item.event]++;
    units.add(item.unitId);
    const branch = byBranch.get(item.branch.id) ?? { unit: item.branch, alerts: 0 };
    branch.alerts++;
    byBranch.set(item.branch.id, branch);
    const indicator = byIndicator.get(item.indicatorId) ?? {
      key: { id: item.indicatorId, name: item.indicatorShortName },
      alerts: 0,
    };
    indicator.alerts++;
    byIndicator.set(item.indicatorId, indicator);
    if (item.event === 'resolved') continue;
    byKind.set(item.kind, (byKind.get(item.kind) ?? 0) + 1);
    problems.push(item);
  }

  const troubled = new Set(problems.map((item) => seriesOf(item.unitId, item.indicatorId)));
  const coveredBy = new Map<MessageItem, string>();
  for (const item of problems) {
    const parent = item.ancestors.find((unit) => troubled.has(seriesOf(unit, item.indicatorId)));
    if (parent !== undefined) coveredBy.set(item, seriesOf(parent, item.indicatorId));
  }
  const children = new Map<string, number>();
  for (const series of coveredBy.values()) children.set(series, (children.get(series) ?? 0) + 1);
  const worst = problems
    .filter((item) => !coveredBy.has(item))
    .slice(0, Math.max(0, worstLimit))
    .map((item) => ({ item, children: children.get(seriesOf(item.unitId, item.indicatorId)) ?? 0 }));

  return {
    alerts: items.length,
    units: units.size,
    byKind: sortTallies([...byKind].map(([key, alerts]) => ({ key, alerts }))),
    events,
    byBranch: sortTallies([...byBranch.values()].map(({ unit, alerts }) => ({ key: unit, alerts }))),
    byIndicator: sortTallies([...byIndicator.values()]),
    worst,
    heldBack: coveredBy.size,
  };
}

function seriesOf(unit: string, indicator: string): string {
  return `${unit}\u0000${indicator}`;
}

/** Most alerts first; ties keep their first-seen (severity) order. */
function sortTallies<T>(tallies: Tally<T>[]): Tally<T>[] {
  return tallies
    .map((tally, index) => ({ tally, index }))
    .sort((a, b) => b.tally.alerts - a.tally.alerts || a.index - b.index)
    .map(({ tally }) => tally);
}
