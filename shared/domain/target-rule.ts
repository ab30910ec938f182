import type { DatedValue } from './observation.ts';
import { directionSign, type SeriesPlan } from './series-plan.ts';
import { type MilestoneVerdict, type SeriesResult, SLACK } from './series-status.ts';

/**
 * How a resolution words a target beside its trajectory (docs/catalog.md, "Target kinds"):
 * - `hold`: the final target is a bound that, once reached, must hold ("luôn giữ vị trí thuộc
 *   nhóm 20": stay in the top 20);
 * - `band`: any value from `worst` to `best` meets the target ("top 25–30").
 */
export type TargetRule =
  | { readonly kind: 'hold' }
  | { readonly kind: 'band'; readonly best: number; readonly worst: number };

/**
 * Post-processes the spec's result of one series (evaluateSeries) by the plan's rule. `values` are
 * the series' current values up to asOf, ascending. A series without a rule, and any `no_data` or
 * `stale` status, is returned unchanged.
 *
 * hold: when an earlier value reached the bound (the final milestone value) and the latest value
 *   no longer does, the status is `behind` whatever the tolerance: the bound was lost.
 * band: the status is `achieved` when the latest value is at or better than `best`, `on_track`
 *   when it lies in the band (at or better than `worst`), else the spec's status; a milestone is
 *   `met`/`likely` when its value/projection is at or better than `worst`, `missed`/`unlikely`
 *   otherwise (`unknown` and `pending` stay).
 */
export function applyTargetRule(
  plan: SeriesPlan,
  values: readonly DatedValue[],
  result: SeriesResult,
): SeriesResult {
  const rule = plan.rule;
  if (!rule || result.value === null) return result;
  const sign = directionSign(plan.direction);
  const reaches = (value: number, bound: number) => sign * (value - bound) >= -SLACK;
  const judged = result.status !== 'no_data' && result.status !== 'stale';
  if (rule.kind === 'hold') {
    const bound = plan.milestones[plan.milestones.length - 1]?.value;
    if (bound === undefined || !judged || reaches(result.value, bound)) return result;
    const heldBefore = values.slice(0, -1).some((earlier) => reaches(earlier.value, bound));
    return heldBefore ? { ...result, status: 'behind' } : result;
  }
  const latest = result.value;
  const status = !judged
    ? result.status
    : reaches(latest, rule.best)
      ? 'achieved'
      : reaches(latest, rule.worst)
        ? 'on_track'
        : result.status;
  const milestones = result.milestones.map((milestone) =>
    bandVerdict(milestone, (value) => reaches(value, rule.worst)),
  );
  return { ...result, status, milestones };
}

function bandVerdict(milestone: MilestoneVerdict, inBand: (value: number) => boolean): MilestoneVerdict {
  if ('value' in milestone && milestone.value !== null && milestone.verdict !== 'unknown') {
    return { ...milestone, verdict: inBand(milestone.value) ? 'met' : 'missed' };
  }
  if ('projected' in milestone && milestone.projected !== null) {
    return { ...milestone, verdict: inBand(milestone.projected) ? 'likely' : 'unlikely' };
  }
  return milestone;
}
