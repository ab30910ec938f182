import type { DayNumber } from './calendar-date.ts';
import type { PlanPoint } from './series-plan.ts';

/**
 * The required value over time: a polyline from the baseline through every milestone dated after
 * it, flat before the baseline and flat at the final target after the last milestone. When every
 * milestone is on or before the baseline, the target date has passed before the plan began and
 * the final target applies at every date (docs/evaluation.md, "The required value").
 */
export class Trajectory {
  private readonly points: readonly PlanPoint[];

  constructor(
    readonly baseline: { readonly day: DayNumber; readonly value: number },
    milestones: readonly PlanPoint[],
  ) {
    const last = milestones[milestones.length - 1];
    if (!last) throw new RangeError('a trajectory needs at least one milestone');
    this.finalTarget = last.value;
    // Milestones on or before the baseline still get a verdict, but do not shape the line.
    this.points = milestones.filter((milestone) => milestone.day > baseline.day);
  }

  readonly finalTarget: number;

  requiredAt(day: DayNumber): number {
    if (this.points.length === 0) return this.finalTarget;
    if (day <= this.baseline.day) return this.baseline.value;
    let fromDay = this.baseline.day;
    let fromValue = this.baseline.value;
    for (const point of this.points) {
      if (day <= point.day) {
        return fromValue + ((point.value - fromValue) * (day - fromDay)) / (point.day - fromDay);
      }
      fromDay = point.day;
      fromValue = point.value;
    }
    return this.finalTarget;
  }
}
