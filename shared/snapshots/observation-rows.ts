import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import { isCalendarDate } from '../domain/calendar-date.ts';
import { printable } from '../errors.ts';
import type { ReceivedRow, SnapshotBatch } from './snapshot-file.ts';

/** A checked observation of one series, as stored and evaluated. */
export interface Observation {
  readonly unit: string;
  readonly indicator: string;
  readonly date: string;
  readonly value: number;
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

/** Applies the row rules of catalog.md to a batch: each bad row is rejected with its reason. */
export function checkRows(programme: Programme, batch: SnapshotBatch, policy: RowPolicy = {}): CheckedRows {
  const rejected: RejectedRow[] = batch.unreadable.map((problem) => ({
    location: problem.location,
    reason: problem.reason,
    row: {},
  }));
  const accepted = new Map<string, Observation>();
  let ignored = 0;
  for (const row of batch.rows) {
    const outcome = checkRow(programme, row, policy);
    if (outcome === 'ignored') ignored++;
    else if ('reason' in outcome) rejected.push(outcome);
    else {
      const key = `${outcome.unit}\u0000${outcome.indicator}\u0000${outcome.date}`;
      accepted.delete(key);
      accepted.set(key, outcome);
    }
  }
  return { observations: [...accepted.values()], rejected, ignored };
}

function checkRow(
  programme: Programme,
  row: ReceivedRow,
  policy: RowPolicy,
): Observation | RejectedRow | 'ignored' {
  const shown = {
    unit: asText(row.unit),
    indicator: asText(row.indicator),
    date: asText(row.date),
    value: asText(row.value),
  };
  const reject = (reason: string): RejectedRow => ({ location: row.location, reason, row: shown });

  const missing = (['unit', 'indicator', 'date', 'value'] as const).filter(
    (field) => row[field] === undefined || row[field] === null || row[field] === '',
  );
  if (missing.length > 0) return reject(`missing ${missing.map((field) => `"${field}"`).join(', ')}`);
  if (typeof row.unit !== 'string' && typeof row.unit !== 'number')
    return reject('"unit" must be a string id');
  if (typeof row.indicator !== 'string') return reject('"indicator" must be a string id');
  if (typeof row.date !== 'string' || !isCalendarDate(row.date)) {
    return reject(`date ${echo(row.date)} is not a real calendar date YYYY-MM-DD`);
  }
  const unitId = String(row.unit);
  const date = row.date;
  if (policy.ignoreAfter !== undefined && date > policy.ignoreAfter) return 'ignored';
  if (policy.rejectAfter !== undefined && date > policy.rejectAfter) {
    return reject(`date ${date} is in the future (after ${policy.rejectAfter})`);
  }
  const unit = programme.units.get(unitId);
  const indicator = programme.indicators.get(row.indicator);
  if (!unit && !indicator)
    return reject(`unknown unit ${echo(unitId)} and unknown indicator ${echo(row.indicator)}`);
  if (!unit) return reject(`unknown unit ${echo(unitId)}`);
  if (!indicator) return reject(`unknown indicator ${echo(row.indicator)}`);
  const plan = programme.planOf(unit.id, indicator.id);
  if (!plan) {
    return reject(
      `no series: indicator "${indicator.id}" has no target for unit "${unit.id}" (level ${unit.level})`,
    );
  }
  if (!isUnitValidOn(unit, date)) {
    const window = [unit.validFrom && `from ${unit.validFrom}`, unit.validTo && `to ${unit.validTo}`]
      .filter(Boolean)
      .join(' ');
    return reject(`unit "${unit.id}" is not valid on ${date} (valid ${window})`);
  }
  const value = parseValue(row.value, row.decimalComma === true);
  if (typeof value === 'string') return reject(value);
  if ((plan.min !== undefined && value < plan.min) || (plan.max !== undefined && value > plan.max)) {
    return reject(`value ${value} is outside [${plan.min ?? '-∞'}, ${plan.max ?? '∞'}]`);
  }
  return { unit: unit.id, indicator: indicator.id, date, value };
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
 * `1234.500` stay decimal points. See docs/evaluation-decisions.md.
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
