import type { AlertKind } from '../alerts/alert-kind.ts';
import type { SourceRunOutcome } from '../domain/ingest-records.ts';
import type { Scorecard } from '../domain/scorecard.ts';
import type { MilestoneVerdict, SeriesStatus } from '../domain/series-status.ts';
import type { DissolvedSection } from './dissolved-units.ts';
import type { WeekWindow } from './week-window.ts';

/**
 * The weekly digest as data: everything the steering committee reads, computed once, rendered as
 * text, HTML and CSV. Shares are fractions 0…1; dates are `YYYY-MM-DD`, instants ISO-8601 UTC.
 */
export interface Digest {
  readonly programme: { readonly id: string; readonly name: string; readonly timezone: string };
  /** ISO week, e.g. `2026-W47`. */
  readonly week: string;
  readonly window: WeekWindow;
  /** The evaluation date: the week's Sunday. */
  readonly asOf: string;
  /** True when last week's digest was available for the comparisons. */
  readonly comparedWithLastWeek: boolean;
  readonly headline: Headline;
  /** Targets met level-wide, "N/M chỉ tiêu đạt" per milestone year (docs/scorecard.md). */
  readonly scorecard: Scorecard;
  /** "Cần chỉ đạo": the few decisions the committee must take, with owner and figure. */
  readonly decisions: readonly Decision[];
  /** Per indicator: the distribution across the widest level's units and the 12-week trend. */
  readonly indicators: readonly IndicatorView[];
  readonly league: readonly LeagueLevel[];
  readonly alerts: AlertsSection;
  readonly milestones: readonly MilestoneSummary[];
  readonly dataHealth: DataHealth;
  readonly trajectories: readonly TrajectoryChart[];
  readonly heatmap: Heatmap;
  /** Units dissolved by the reorganisation, with their final figures. */
  readonly dissolved: DissolvedSection;
}

export interface DecisionOwner {
  readonly unit: string;
  readonly unitName: string;
}

export interface Decision {
  /** A level-wide target missed lately, unlikely at its next milestone, or a plan past its date. */
  readonly kind: 'target-missed' | 'target-unlikely' | 'plan-overdue';
  /** Absent for a unit-wide plan. */
  readonly indicator?: string;
  readonly indicatorName?: string;
  readonly measure?: string;
  readonly level: string;
  /** The milestone's date, or the plan's due date. */
  readonly date: string;
  /** The level-wide figure (target) or the series' latest value (plan). */
  readonly figure: number | null;
  /** The level's target, or the series' required value. */
  readonly target: number | null;
  readonly direction: 'increase' | 'decrease';
  /** Who must act, furthest behind first. */
  readonly owners: readonly DecisionOwner[];
  /** Further units concerned, not named. */
  readonly otherOwners: number;
  readonly daysOverdue?: number;
}

export interface IndicatorView {
  readonly indicator: string;
  readonly indicatorName: string;
  readonly measure?: string;
  readonly direction: 'increase' | 'decrease';
  readonly min?: number;
  readonly max?: number;
  /** The level the picture is of (the one with most units on the indicator). */
  readonly level: string;
  /** Latest value of each unit of the level that has one, with its status. */
  readonly distribution: readonly {
    readonly unit: string;
    readonly value: number;
    readonly status: SeriesStatus;
  }[];
  readonly unitsWithoutValue: number;
  /** The level's mean reported and mean required value at each of the last 12 Sundays, oldest first. */
  readonly weekly: readonly {
    readonly date: string;
    readonly mean: number | null;
    readonly required: number | null;
    readonly reporting: number;
  }[];
}

export interface Headline {
  readonly totalSeries: number;
  /** Every status, in the engine's order. `change` is null without last week's digest. */
  readonly counts: readonly {
    readonly status: SeriesStatus;
    readonly count: number;
    readonly change: number | null;
  }[];
}

export interface LeagueLevel {
  readonly level: string;
  readonly rows: readonly LeagueRow[];
  readonly movers: { readonly up: readonly LeagueRow[]; readonly down: readonly LeagueRow[] };
}

export interface LeagueRow {
  /** 1-based position within the level after tie-breaking (no shared ranks). */
  readonly rank: number;
  readonly unit: string;
  readonly unitName: string;
  readonly level: string;
  /** Share of the unit's series that are on track or achieved. */
  readonly score: number;
  readonly series: number;
  readonly counts: Readonly<Record<SeriesStatus, number>>;
  /** Sum of the shortfalls below the required values (positive), over the unit's series. */
  readonly shortfall: number;
  readonly previousScore: number | null;
  /** score − previousScore; null when the unit was not in last week's digest. */
  readonly change: number | null;
  /** The score at 4-week steps, oldest first, ending this week; null where the unit had no series. */
  readonly trend: readonly (number | null)[];
}

export interface AlertEvent {
  readonly unit: string;
  readonly unitName: string;
  readonly indicator: string;
  readonly indicatorName: string;
  readonly kind: AlertKind;
  readonly at: string;
  readonly escalationLevel: number;
  /** Held back by a mute (`dtwatch mute`): evaluated, shown, nobody told. */
  readonly muted?: true;
}

export interface AgeBucket {
  /** Inclusive lower bound in days. */
  readonly fromDays: number;
  /** Exclusive upper bound; null = open-ended. */
  readonly toDays: number | null;
  readonly count: number;
}

export interface AcknowledgementItem {
  readonly unit: string;
  readonly unitName: string;
  /** Undefined: the unit-wide acknowledgement. */
  readonly indicator?: string;
  readonly indicatorName?: string;
  readonly note: string;
  readonly by: string;
  readonly until: string;
  readonly createdAt: string;
  /** Days past `until` at the week's Sunday (0 when not overdue). */
  readonly daysOverdue: number;
  /** Statuses of the covered series that are not on track or achieved. */
  readonly outstanding: number;
}

export interface AlertsSection {
  readonly opened: readonly AlertEvent[];
  readonly escalated: readonly AlertEvent[];
  readonly resolved: readonly AlertEvent[];
  readonly openAtEnd: number;
  readonly openByAge: readonly AgeBucket[];
  /** In force at the week's end (due on or after Sunday). */
  readonly acknowledgements: readonly AcknowledgementItem[];
  /** Due before Sunday while some covered series is still not on track or achieved. */
  readonly overdue: readonly AcknowledgementItem[];
}

export interface MilestoneSummary {
  readonly indicator: string;
  readonly indicatorName: string;
  readonly level: string;
  readonly date: string;
  /** The level's target for that date in the catalog (overrides may differ per unit). */
  readonly target: number | null;
  /** On or before the week's Sunday: met / missed / unknown; later: likely / unlikely / unknown. */
  readonly past: boolean;
  readonly verdicts: Readonly<Record<MilestoneVerdict['verdict'], number>>;
  readonly series: number;
}

export interface StaleSeries {
  readonly unit: string;
  readonly unitName: string;
  readonly indicator: string;
  readonly indicatorName: string;
  readonly lastDate: string | null;
  readonly daysSince: number | null;
}

export interface FailingSource {
  readonly source: string;
  readonly outcome: Exclude<SourceRunOutcome, 'ok'>;
  readonly finishedAt: string;
  readonly rowsRejected: number;
  readonly error?: string;
}

export interface DataHealth {
  readonly stale: readonly StaleSeries[];
  readonly noData: readonly StaleSeries[];
  readonly failingSources: readonly FailingSource[];
  readonly quarantinedRows: number;
}

export interface ChartPoint {
  readonly date: string;
  readonly value: number;
}

export type ChartScope =
  | { readonly kind: 'unit'; readonly unit: string; readonly unitName: string }
  | { readonly kind: 'level-mean'; readonly level: string; readonly units: number };

export interface TrajectoryChart {
  readonly indicator: string;
  readonly indicatorName: string;
  /** What the values measure, e.g. `%`. */
  readonly measure?: string;
  readonly direction: 'increase' | 'decrease';
  /** The indicator's possible range, when the catalog states it (the chart's axis). */
  readonly min?: number;
  readonly max?: number;
  readonly scope: ChartScope;
  /** The required line: baseline, then every milestone after it. */
  readonly required: readonly ChartPoint[];
  readonly milestones: readonly (ChartPoint & { readonly verdict: MilestoneVerdict['verdict'] | null })[];
  readonly actual: readonly ChartPoint[];
  readonly status: SeriesStatus | null;
  /** How many were ranked on the date of the latest actual value, for a rank the catalog counts. */
  readonly rankOutOf?: number;
}

export interface Heatmap {
  readonly indicators: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly {
    readonly unit: string;
    readonly unitName: string;
    readonly level: string;
    /** One per indicator; null where the unit has no series for it. */
    readonly cells: readonly (SeriesStatus | null)[];
  }[];
}
