import type { Programme } from '../../shared/catalog/programme.ts';
import { DIGEST_LABELS } from '../../shared/digest/digest-labels.ts';
import type { SeriesStatus } from '../../shared/domain/series-status.ts';
import { type Language, STATUS_LABELS } from '../../shared/messages/labels.ts';
import { formatDate } from '../../shared/style/dates.ts';
import { nameFor } from '../../shared/style/names.ts';
import { paint, renderColumns, STATUS_COLOURS, truncate } from '../render/terminal.ts';
import { SIMULATE_TEXT } from './simulate-text.ts';
import type { ReplayOutcome, WeekRow } from './weekly-replay.ts';

/** What the report names: the programme simulated, or several (their units and indicators together). */
export type SimulatedScope = Pick<Programme, 'id' | 'units' | 'indicators'> & {
  /** The one programme's catalog (its name in the title); absent for the national sample. */
  readonly catalog?: Programme['catalog'];
};

export interface SimulationContext {
  readonly programme: SimulatedScope;
  /** The programmes simulated together (`--national-sample`); absent: the one programme. */
  readonly programmes?: readonly string[];
  readonly from: string;
  readonly weeks: number;
  readonly dataDir: string;
  readonly language: Language;
  readonly colour: boolean;
}

/** The per-week counts that add up over a simulation. */
const SUMMED = [
  'stored',
  'quarantined',
  'opened',
  'reminded',
  'escalated',
  'resolved',
  'retired',
  'sent',
  'deferred',
] as const satisfies readonly (keyof WeekRow)[];

export type SimulationTotals = Record<(typeof SUMMED)[number], number> & {
  readonly digests: number;
  readonly digestSent: number;
  readonly openAtEnd: number;
};

const STATUS_ORDER: readonly SeriesStatus[] = [
  'achieved',
  'on_track',
  'at_risk',
  'behind',
  'stale',
  'no_data',
];

export function totalsOf(rows: readonly WeekRow[]): SimulationTotals {
  const sum = (pick: (row: WeekRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const summed = Object.fromEntries(SUMMED.map((key) => [key, sum((row) => row[key])]));
  return {
    ...(summed as Record<(typeof SUMMED)[number], number>),
    digests: sum((row) => (row.digestPublished ? 1 : 0)),
    digestSent: sum((row) => row.digestSent),
    openAtEnd: rows.at(-1)?.open ?? 0,
  };
}

/** The machine-readable document of `--format json`. */
export function simulationDocument(outcome: ReplayOutcome, context: SimulationContext): unknown {
  return {
    programme: context.programme.id,
    ...(context.programmes && { programmes: context.programmes }),
    sampleData: true,
    from: context.from,
    to: outcome.lastDate,
    weeks: context.weeks,
    dataDir: context.dataDir,
    outbox: outcome.outboxDirectory,
    digests: outcome.digestDirectory,
    rows: outcome.rows,
    totals: totalsOf(outcome.rows),
    statusCounts: outcome.statusCounts,
    longestOpen: outcome.longestOpen,
  };
}

/** One line per week, then the totals, the status counts at the end and the oldest alerts. */
export function renderSimulationTable(outcome: ReplayOutcome, context: SimulationContext): string {
  const text = SIMULATE_TEXT[context.language];
  const { programme, colour } = context;
  const number = new Intl.NumberFormat(text.locale);
  const count = (value: number) => number.format(value);
  const quiet = (value: number) => (value === 0 ? paint('·', 'grey', colour) : count(value));
  const c = text.columns;
  const date = (value: string) => formatDate(value, context.language);
  const indicatorName = (id: string) => {
    const indicator = programme.indicators.get(id);
    return indicator ? nameFor(indicator, 'short') : id;
  };

  const weekTable = renderColumns(
    [
      c.week,
      c.date,
      c.stored,
      c.quarantined,
      c.opened,
      c.reminded,
      c.escalated,
      c.resolved,
      c.retired,
      c.open,
      c.sent,
      c.digest,
    ],
    outcome.rows.map((row) => [
      row.week,
      date(row.date),
      quiet(row.stored),
      quiet(row.quarantined),
      row.opened > 0 ? paint(count(row.opened), 'red', colour) : quiet(0),
      quiet(row.reminded),
      row.escalated > 0 ? paint(count(row.escalated), 'magenta', colour) : quiet(0),
      row.resolved > 0 ? paint(count(row.resolved), 'green', colour) : quiet(0),
      quiet(row.retired),
      count(row.open),
      quiet(row.sent),
      row.digestPublished ? row.digestWeek : text.notPublished,
    ]),
    new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]),
  );

  const totals = totalsOf(outcome.rows);
  const t = text.totalRows;
  const totalsTable = renderColumns(
    [text.what, text.total],
    [
      [t.stored, count(totals.stored)],
      [t.quarantined, count(totals.quarantined)],
      [t.opened, count(totals.opened)],
      [t.reminded, count(totals.reminded)],
      [t.escalated, count(totals.escalated)],
      [t.resolved, count(totals.resolved)],
      [t.retired, count(totals.retired)],
      [t.sent, count(totals.sent)],
      [t.deferred, count(totals.deferred)],
      [t.digests, count(totals.digests)],
      [t.digestSent, count(totals.digestSent)],
      [t.openAtEnd, count(totals.openAtEnd)],
    ],
    new Set([1]),
  );

  const statusTable = renderColumns(
    [text.status, text.series],
    STATUS_ORDER.map((status) => [
      paint(STATUS_LABELS[context.language][status], STATUS_COLOURS[status], colour),
      count(outcome.statusCounts[status]),
    ]),
    new Set([1]),
  );

  const kinds = DIGEST_LABELS[context.language].alertKind;
  const longest =
    outcome.longestOpen.length === 0
      ? text.noOpenAlerts
      : renderColumns(
          [text.unit, text.alerts, text.oldest, text.since, text.daysOpen, text.level],
          outcome.longestOpen.map((age) => [
            truncate(programme.units.get(age.unit)?.name ?? age.unit, 40),
            count(age.alerts),
            // The catalog's short name: a full name cut to fit would stop mid-phrase.
            `${indicatorName(age.indicator)} (${kinds[age.kind]})`,
            date(age.openedOn),
            count(age.daysOpen),
            String(age.escalationLevel),
          ]),
          new Set([1, 4, 5]),
        );

  const heading = (title: string) => paint(title, 'bold', colour);
  return [
    heading(
      text.title(
        programme.catalog ? nameFor(programme.catalog.programme, 'short') : text.nationalSample,
        date(context.from),
        date(outcome.lastDate),
        context.weeks,
      ),
    ),
    text.sampleNote,
    '',
    weekTable,
    '',
    heading(text.totals),
    totalsTable,
    '',
    heading(text.statusTitle(date(outcome.lastDate))),
    statusTable,
    '',
    heading(text.longestTitle),
    longest,
    '',
    text.outbox(outcome.outboxDirectory),
    text.digests(outcome.digestDirectory),
  ].join('\n');
}
