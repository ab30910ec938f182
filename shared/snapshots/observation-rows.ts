import type { Indicator, Unit } from '../catalog/catalog-schema.ts';
import { rankValueProblem } from '../catalog/catalog-target-rules.ts';
import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import { describeWindow } from '../catalog/target-validity.ts';
import { unitOnDate } from '../catalog/unit-on-date.ts';
import { type DayNumber, parseCalendarDate } from '../domain/calendar-date.ts';
import { ratioAgreesWithValue, ratioScale } from '../domain/ratio.ts';
import type { SeriesPlan } from '../domain/series-plan.ts';
import { printable } from '../errors.ts';
import { ObservationKeyTable } from './observation-keys.ts';
import type { ReceivedRow, SnapshotBatch } from './snapshot-file.ts';

/** A checked observation of one series, as stored and evaluated. */
export interface Observation {
  readonly unit: string;
  readonly indicator: string;
  readonly date: string;
  readonly value: number;
  /** Optional counts the value was computed from (docs/scorecard.md); both or neither. */
  readonly numerator?: number;
  readonly denominator?: number;
}

export interface RejectedRow {
  readonly location: string;
  readonly reason: string;
  /** What the row said, as text, for the quarantine. */
  readonly row: { unit?: string; indicator?: string; date?: string; value?: string };
}

export interface CheckedRows {
  /** One per (unit, indicator, date): within a batch the later row wins. */
  readonly observations: Observation[];
  readonly rejected: RejectedRow[];
  /** Rows dated after `ignoreAfter` (evaluation of the past). */
  readonly ignored: number;
}

export interface RowPolicy {
  /** Rows dated after this day are rejected (ingestion never accepts the future). */
  readonly rejectAfter?: string;
  /** Rows dated after this day are dropped silently (evaluating as of a past date). */
  readonly ignoreAfter?: string;
}

const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA_PATTERN = /^[+-]?\d+,\d+$/;
/** Longest piece of a received value echoed in a reason: a reason is stored with its quarantine row. */
const MAX_ECHOED_LENGTH = 80;

/** A series a checked row belongs to, numbered in the order the file first names it. */
export interface SeriesSlot {
  readonly index: number;
  readonly unit: Unit;
  readonly indicator: Indicator;
  readonly plan: SeriesPlan;
}

/** A row that passed every rule: its series, its day, and the observation it is. */
export interface AcceptedRow {
  readonly series: SeriesSlot;
  readonly day: DayNumber;
  readonly observation: Observation;
}

/** Distinct dates remembered with their day number; a file of garbage dates must not grow it without end. */
const MAX_REMEMBERED_DATES = 100_000;

/**
 * Applies the row rules of catalog.md to one row at a time, each bad row rejected with its reason.
 * What a national file repeats millions of times is worked out once: the day number of each
 * distinct date, and the series (unit, indicator, plan) of each unit and indicator met.
 */
export class RowChecker {
  /** Every series accepted so far, by `SeriesSlot.index`. */
  readonly series: SeriesSlot[] = [];
  private readonly days = new Map<string, DayNumber | undefined>();
  private readonly slots = new Map<Unit, Map<string, SeriesSlot | null>>();

  constructor(
    private readonly programme: Programme,
    private readonly policy: RowPolicy = {},
  ) {}

  check(row: ReceivedRow): AcceptedRow | RejectedRow | 'ignored' {
    const { programme, policy } = this;
    if (isAbsent(row.unit) || isAbsent(row.indicator) || isAbsent(row.date) || isAbsent(row.value)) {
      const missing = ROW_FIELDS.filter((field) => isAbsent(row[field]));
      return rejection(row, `missing ${missing.map((field) => `"${field}"`).join(', ')}`);
    }
    if (typeof row.unit !== 'string' && typeof row.unit !== 'number')
      return rejection(row, '"unit" must be a string id');
    if (typeof row.indicator !== 'string') return rejection(row, '"indicator" must be a string id');
    const day = typeof row.date === 'string' ? this.dayOf(row.date) : undefined;
    if (day === undefined)
      return rejection(row, `date ${echo(row.date)} is not a real calendar date YYYY-MM-DD`);
    const unitId = String(row.unit);
    const date = row.date as string;
    if (policy.ignoreAfter !== undefined && date > policy.ignoreAfter) return 'ignored';
    if (policy.rejectAfter !== undefined && date > policy.rejectAfter) {
      return rejection(row, `date ${date} is in the future (after ${policy.rejectAfter})`);
    }
    const unit = unitOnDate(programme, unitId, date);
    const indicator = programme.indicators.get(row.indicator);
    if (!unit && !indicator)
      return rejection(row, `unknown unit ${echo(unitId)} and unknown indicator ${echo(row.indicator)}`);
    if (!unit) return rejection(row, `unknown unit ${echo(unitId)}`);
    if (!indicator) return rejection(row, `unknown indicator ${echo(row.indicator)}`);
    const series = this.seriesOf(unit, indicator);
    if (!series) {
      return rejection(
        row,
        `no series: indicator "${indicator.id}" has no target for unit "${unit.id}" (level ${unit.level})`,
      );
    }
    if (!isUnitValidOn(unit, date)) {
      return rejection(row, `unit "${unit.id}" is not valid on ${date} (valid ${describeWindow(unit)})`);
    }
    const { plan } = series;
    const value = parseValue(row.value, row.decimalComma === true);
    if (typeof value === 'string') return rejection(row, value);
    if ((plan.min !== undefined && value < plan.min) || (plan.max !== undefined && value > plan.max)) {
      return rejection(row, `value ${value} is outside [${plan.min ?? '-∞'}, ${plan.max ?? '∞'}]`);
    }
    const rankProblem = rankValueProblem(indicator.rank, date, value);
    if (rankProblem) return rejection(row, rankProblem);
    const hasNumerator = !isAbsent(row.numerator);
    const hasDenominator = !isAbsent(row.denominator);
    if (!hasNumerator && !hasDenominator) {
      return { series, day, observation: { unit: unit.id, indicator: indicator.id, date, value } };
    }
    if (!hasNumerator || !hasDenominator) {
      return rejection(
        row,
        `"numerator" and "denominator" go together: ${hasNumerator ? 'denominator' : 'numerator'} is missing`,
      );
    }
    const decimalComma = row.decimalComma === true;
    const numerator = parseValue(row.numerator, decimalComma);
    const denominator = parseValue(row.denominator, decimalComma);
    if (typeof numerator === 'string' || numerator < 0) {
      return rejection(row, `numerator ${echo(row.numerator)} is not a number ≥ 0`);
    }
    if (typeof denominator === 'string' || denominator <= 0) {
      return rejection(row, `denominator ${echo(row.denominator)} is not a number > 0`);
    }
    const scale = ratioScale(indicator.unit);
    const ratio = { numerator, denominator };
    if (!ratioAgreesWithValue(ratio, value, scale)) {
      const computed = (scale * numerator) / denominator;
      return rejection(
        row,
        `value ${value} does not match ${scale === 100 ? '100 · ' : ''}numerator / denominator = ${computed}`,
      );
    }
    return {
      series,
      day,
      observation: { unit: unit.id, indicator: indicator.id, date, value, numerator, denominator },
    };
  }

  private dayOf(date: string): DayNumber | undefined {
    if (this.days.has(date)) return this.days.get(date);
    const day = parseCalendarDate(date);
    if (this.days.size < MAX_REMEMBERED_DATES) this.days.set(date, day);
    return day;
  }

  private seriesOf(unit: Unit, indicator: Indicator): SeriesSlot | undefined {
    let byIndicator = this.slots.get(unit);
    if (!byIndicator) {
      byIndicator = new Map();
      this.slots.set(unit, byIndicator);
    }
    let slot = byIndicator.get(indicator.id);
    if (slot === undefined) {
      const plan = this.programme.planOf(unit.id, indicator.id);
      slot = plan ? { index: this.series.length, unit, indicator, plan } : null;
      if (slot) this.series.push(slot);
      byIndicator.set(indicator.id, slot);
    }
    return slot ?? undefined;
  }
}

/** Applies the row rules of catalog.md to a batch: each bad row is rejected with its reason. */
export function checkRows(programme: Programme, batch: SnapshotBatch, policy: RowPolicy = {}): CheckedRows {
  const rejected: RejectedRow[] = batch.unreadable.map((problem) => ({
    location: problem.location,
    reason: problem.reason,
    row: {},
  }));
  const checker = new RowChecker(programme, policy);
  const accepted: AcceptedRow[] = [];
  const latest = new ObservationKeyTable();
  let ignored = 0;
  for (const row of batch.rows) {
    const outcome = checker.check(row);
    if (outcome === 'ignored') ignored++;
    else if ('reason' in outcome) rejected.push(outcome);
    else {
      latest.set(outcome.series.index, outcome.day, accepted.length);
      accepted.push(outcome);
    }
  }
  // Within a batch the later row wins, in the place of the later row.
  const observations = accepted
    .filter((row, position) => latest.get(row.series.index, row.day) === position)
    .map((row) => row.observation);
  return { observations, rejected, ignored };
}

const ROW_FIELDS = ['unit', 'indicator', 'date', 'value'] as const;

// A plain function, not a closure made per row: bundlers that keep names wrap every closure.
function rejection(row: ReceivedRow, reason: string): RejectedRow {
  return { location: row.location, reason, row: shownRow(row) };
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function shownRow(row: ReceivedRow): RejectedRow['row'] {
  return {
    unit: asText(row.unit),
    indicator: asText(row.indicator),
    date: asText(row.date),
    value: asText(row.value),
  };
}

/** The number a value holds, or why it holds none. */
function parseValue(raw: unknown, decimalComma: boolean): number | string {
  const notANumber = `value ${echo(raw)} is not a number`;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : notANumber;
  if (typeof raw !== 'string') return notANumber;
  const text = raw.trim();
  if (decimalComma) {
    const doubt = decimalCommaDoubt(text);
    if (doubt) return `value ${echo(raw)} ${doubt}`;
  }
  // "1e309" matches the pattern but is Infinity, which no store or comparison can use.
  const value = NUMBER_PATTERN.test(text)
    ? Number(text)
    : decimalComma && DECIMAL_COMMA_PATTERN.test(text)
      ? Number(text.replace(',', '.'))
      : undefined;
  return value !== undefined && Number.isFinite(value) ? value : notANumber;
}

/**
 * Where a decimal comma is accepted (Vietnamese convention: `4,5` is four and a half), a dot may
 * be a thousands separator: `4.500` is 4500 to a Vietnamese reader and 4.5 to a program. Such a
 * value is refused, never guessed. A dot is a thousands separator only when it starts a group of
 * exactly three digits after one to three digits not starting with 0, so `4.5`, `0.500` and
 * `1234.500` stay decimal points. See docs/evaluation.md.
 */
function decimalCommaDoubt(text: string): string | undefined {
  if (/^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/.test(text)) {
    return `has a thousands separator: write ${text.replaceAll('.', '')}`;
  }
  const grouped = /^([+-]?)([1-9]\d{0,2})\.(\d{3})$/.exec(text);
  if (!grouped) return undefined;
  const [, sign = '', whole = '', part = ''] = grouped;
  const fraction = part.replace(/0+$/, '');
  const asDecimal = fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
  const withComma = fraction === '' ? `${sign}${whole}` : `${sign}${whole},${fraction}`;
  return `is ambiguous in a file with decimal commas (${sign}${whole}${part} with a thousands separator, or ${asDecimal}?): write ${sign}${whole}${part} or ${withComma}`;
}

/** A received value as JSON, cut short: a 1 MB cell must not make a 1 MB reason. */
function echo(value: unknown): string {
  // JSON.stringify would show Infinity (from 1e309) as null.
  const text = printable(
    typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value)),
  );
  return text.length > MAX_ECHOED_LENGTH ? `${text.slice(0, MAX_ECHOED_LENGTH)}…` : text;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
