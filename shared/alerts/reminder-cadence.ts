import type { AlertPolicy } from '../catalog/catalog-schema.ts';
import type { SeriesResult } from '../domain/series-status.ts';

/**
 * When an open alert is told again. A reminder goes out when the situation changed (a change
 * reminder), or, with nothing new, on a schedule that backs off (docs/alerts.md, "Reminders").
 * Pure; the lifecycle keeps the facts it needs in the alert state.
 */

export type ReminderSchedule = AlertPolicy['reminders'];

/** What changed since the alert was last told: the reason a reminder goes out at once. */
export type SituationChange = 'new-data' | 'gap-grew';

/** The figures an alert was last told with, to see what changed since. */
export interface ToldFacts {
  /** Date of the latest value told (null: none). */
  readonly date: string | null;
  readonly gap: number | null;
}

/**
 * Days after the alert opened at which the `index`-th reminder without change (0-based) is due:
 * each of `afterDays`, then every `thenEveryDays` after the last of them.
 */
export function reminderOffset(schedule: ReminderSchedule, index: number): number {
  const { afterDays, thenEveryDays } = schedule;
  const listed = afterDays[index];
  if (listed !== undefined) return listed;
  const last = afterDays[afterDays.length - 1] ?? 0;
  return last + (index - afterDays.length + 1) * thenEveryDays;
}

/**
 * Whether the next reminder without change is due, `daysSinceNotice` days after the alert's last
 * notice, `quietReminders` such reminders having gone before. The wait before each is the step
 * between two offsets of the schedule (7, 14, 28, then 56 days by default), so an alert nobody
 * touches is reminded on the days of the schedule itself (7, 21, 49, 105, …); a notice sent for a
 * change (or an escalation) restarts the wait, but never the backing off.
 */
export function scheduledReminderDue(
  schedule: ReminderSchedule,
  daysSinceNotice: number,
  quietReminders: number,
): boolean {
  const previous = quietReminders === 0 ? 0 : reminderOffset(schedule, quietReminders - 1);
  return daysSinceNotice >= reminderOffset(schedule, quietReminders) - previous;
}

/**
 * How the series moved since it was last told, for an alert that stays open: a newer value that
 * is still in trouble, or a gap that widened by more than the series' tolerance (a revision).
 * Nothing for an alert told before these facts were kept.
 */
export function situationChange(
  told: ToldFacts | undefined,
  result: Pick<SeriesResult, 'date' | 'gap'>,
  tolerance: number,
): SituationChange | undefined {
  if (!told) return undefined;
  if (result.date !== null && (told.date === null || result.date > told.date)) return 'new-data';
  if (told.gap !== null && result.gap !== null && told.gap - result.gap > tolerance) return 'gap-grew';
  return undefined;
}

export function toldFactsOf(result: Pick<SeriesResult, 'date' | 'gap'>): ToldFacts {
  return { date: result.date, gap: result.gap };
}
