/**
 * The simple snapshot reader the streaming read path replaced, kept as the reference the property
 * tests hold the streaming path to (tests/property/read-path.property.test.ts): decode the whole
 * text, parse every row into an object, then check them all with a Map keyed on composed strings.
 * Kept as it was, on purpose: do not optimise it.
 */

import { rankValueProblem } from '../../shared/catalog/catalog-target-rules.ts';
import { describeJsonSyntaxError, formatJsonPath } from '../../shared/catalog/json-location.ts';
import { isUnitValidOn, type Programme } from '../../shared/catalog/programme.ts';
import { describeWindow } from '../../shared/catalog/target-validity.ts';
import { unitOnDate } from '../../shared/catalog/unit-on-date.ts';
import { isCalendarDate } from '../../shared/domain/calendar-date.ts';
import { ratioAgreesWithValue, ratioScale } from '../../shared/domain/ratio.ts';
import { InvalidInputError, printable } from '../../shared/errors.ts';
import { decodeUtf8 } from '../../shared/input-text.ts';
import type {
  CheckedRows,
  Observation,
  RejectedRow,
  RowPolicy,
} from '../../shared/snapshots/observation-rows.ts';
import {
  detectSnapshotFormat,
  MAX_SNAPSHOT_BYTES,
  type ReceivedRow,
  type SnapshotBatch,
  type UnreadableRow,
} from '../../shared/snapshots/snapshot-file.ts';

interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  readonly quoted: boolean[];
}

const REQUIRED_COLUMNS = ['unit', 'indicator', 'date', 'value'] as const;

/** The whole reference path: bytes → rows → checked rows. */
export function referenceRead(
  programme: Programme,
  bytes: Uint8Array,
  file: string,
  policy: RowPolicy = {},
  hint?: string,
): CheckedRows {
  const text = decodeUtf8(bytes, file, MAX_SNAPSHOT_BYTES);
  return referenceCheck(programme, referenceParse(text, file, hint), policy);
}

export function referenceParse(text: string, file: string, hint?: string): SnapshotBatch {
  // Concatenated exports can start with several BOMs; the JSON error locator expects none left.
  const body = text.replace(/^\uFEFF+/, '');
  const format = detectSnapshotFormat(body, hint ?? file);
  switch (format) {
    case 'json':
      return parseJson(body, file);
    case 'ndjson':
      return parseNdjson(body);
    case 'csv':
      return parseCsv(body, file);
  }
}

function parseJson(text: string, file: string): SnapshotBatch {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ file, message: describeJsonSyntaxError(error, text) }], { cause: error });
  }
  const list = Array.isArray(document)
    ? document
    : isRecord(document) && Array.isArray(document.snapshots)
      ? document.snapshots
      : undefined;
  if (!list) {
    throw new InvalidInputError([
      { file, message: 'expected {"snapshots": [ … ]} (or a list of snapshots)' },
    ]);
  }
  const prefix = Array.isArray(document) ? [] : ['snapshots'];
  const rows: ReceivedRow[] = [];
  const unreadable: UnreadableRow[] = [];
  list.forEach((item: unknown, index: number) => {
    const location = formatJsonPath([...prefix, index]);
    if (isRecord(item)) rows.push(rowFromObject(item, location));
    else unreadable.push({ location, reason: 'not an object {unit, indicator, date, value}' });
  });
  return { format: 'json', rows, unreadable };
}

function parseNdjson(text: string): SnapshotBatch {
  const rows: ReceivedRow[] = [];
  const unreadable: UnreadableRow[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    const location = `line ${index + 1}`;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (error) {
      unreadable.push({
        location,
        reason: describeJsonSyntaxError(error, line).replace(/ at line 1,/, ' at'),
      });
      return;
    }
    if (isRecord(item)) rows.push(rowFromObject(item, location));
    else unreadable.push({ location, reason: 'not an object {unit, indicator, date, value}' });
  });
  return { format: 'ndjson', rows, unreadable };
}

function parseCsv(text: string, file: string): SnapshotBatch {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = detectDelimiter(firstLine);
  const records = csvRecords(text, delimiter);
  const rows: ReceivedRow[] = [];
  const unreadable: UnreadableRow[] = [];
  try {
    const header = records.next();
    if (header.done) throw new InvalidInputError([{ file, message: 'empty file: expected a header row' }]);
    const names = header.value.fields.map((name) => name.trim().toLowerCase());
    refuseRepeatedColumns(names, file);
    const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
    if (missing.length > 0) {
      throw new InvalidInputError([
        {
          file,
          location: 'line 1',
          message: `header must name the columns unit, indicator, date, value; missing ${missing.join(', ')}`,
        },
      ]);
    }
    const [unitAt, indicatorAt, dateAt, valueAt] = REQUIRED_COLUMNS.map((column) =>
      names.indexOf(column),
    ) as [number, number, number, number];
    const needed = Math.max(unitAt, indicatorAt, dateAt, valueAt) + 1;
    // Optional columns: a missing or empty cell means the row carries no ratio.
    const numeratorAt = names.indexOf('numerator');
    const denominatorAt = names.indexOf('denominator');
    for (const record of records) {
      const location = `line ${record.line}`;
      // More fields than the header usually means an unquoted decimal comma (93,5 read as 93 and 5):
      // reading such a row would silently change its value. Trailing empty fields are harmless.
      const overflow = record.fields.slice(names.length).some((field) => field.trim() !== '');
      if (record.fields.length < needed || overflow) {
        unreadable.push({
          location,
          reason: `has ${record.fields.length} fields, the header has ${names.length}${overflow && delimiter === ',' ? ' (quote a decimal comma: "93,5")' : ''}`,
        });
        continue;
      }
      rows.push({
        location,
        unit: record.fields[unitAt]?.trim(),
        indicator: record.fields[indicatorAt]?.trim(),
        date: record.fields[dateAt]?.trim(),
        value: record.fields[valueAt],
        decimalComma: delimiter === ';' || delimiter === '\t' || record.quoted[valueAt] === true,
        ...(numeratorAt >= 0 && { numerator: emptyAsAbsent(record.fields[numeratorAt]) }),
        ...(denominatorAt >= 0 && { denominator: emptyAsAbsent(record.fields[denominatorAt]) }),
      });
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      unreadable.push({
        location: `line ${error.line}`,
        reason: `${error.message}; the rest of the file was not read`,
      });
    } else {
      throw error;
    }
  }
  return { format: 'csv', rows, unreadable };
}

/** Two columns with one required name: reading either one would be a guess. */
function refuseRepeatedColumns(names: readonly string[], file: string): void {
  const problems = REQUIRED_COLUMNS.flatMap((column) => {
    const columns = names.flatMap((name, index) => (name === column ? [index + 1] : []));
    if (columns.length < 2) return [];
    const listed = `${columns.slice(0, -1).join(', ')} and ${columns.at(-1)}`;
    return [
      {
        file,
        location: `line 1, columns ${listed}`,
        message: `header names "${column}" ${columns.length === 2 ? 'twice' : `${columns.length} times`}: keep one column, the file does not say which one holds the data`,
      },
    ];
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
}

function rowFromObject(item: Record<string, unknown>, location: string): ReceivedRow {
  return {
    location,
    unit: item.unit,
    indicator: item.indicator,
    date: item.date,
    value: item.value,
    ...(item.numerator !== undefined && { numerator: item.numerator }),
    ...(item.denominator !== undefined && { denominator: item.denominator }),
  };
}

function emptyAsAbsent(field: string | undefined): string | undefined {
  const text = field?.trim();
  return text === '' ? undefined : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA_PATTERN = /^[+-]?\d+,\d+$/;
/** Longest piece of a received value echoed in a reason: a reason is stored with its quarantine row. */
const MAX_ECHOED_LENGTH = 80;

/** Applies the row rules of catalog.md to a batch: each bad row is rejected with its reason. */
export function referenceCheck(
  programme: Programme,
  batch: SnapshotBatch,
  policy: RowPolicy = {},
): CheckedRows {
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
  const unit = unitOnDate(programme, unitId, date);
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
    return reject(`unit "${unit.id}" is not valid on ${date} (valid ${describeWindow(unit)})`);
  }
  const value = parseValue(row.value, row.decimalComma === true);
  if (typeof value === 'string') return reject(value);
  if ((plan.min !== undefined && value < plan.min) || (plan.max !== undefined && value > plan.max)) {
    return reject(`value ${value} is outside [${plan.min ?? '-∞'}, ${plan.max ?? '∞'}]`);
  }
  const rankProblem = rankValueProblem(indicator.rank, date, value);
  if (rankProblem) return reject(rankProblem);
  const hasNumerator = row.numerator !== undefined && row.numerator !== null && row.numerator !== '';
  const hasDenominator = row.denominator !== undefined && row.denominator !== null && row.denominator !== '';
  if (!hasNumerator && !hasDenominator) return { unit: unit.id, indicator: indicator.id, date, value };
  if (!hasNumerator || !hasDenominator) {
    return reject(
      `"numerator" and "denominator" go together: ${hasNumerator ? 'denominator' : 'numerator'} is missing`,
    );
  }
  const decimalComma = row.decimalComma === true;
  const numerator = parseValue(row.numerator, decimalComma);
  const denominator = parseValue(row.denominator, decimalComma);
  if (typeof numerator === 'string' || numerator < 0) {
    return reject(`numerator ${echo(row.numerator)} is not a number ≥ 0`);
  }
  if (typeof denominator === 'string' || denominator <= 0) {
    return reject(`denominator ${echo(row.denominator)} is not a number > 0`);
  }
  const scale = ratioScale(indicator.unit);
  const ratio = { numerator, denominator };
  if (!ratioAgreesWithValue(ratio, value, scale)) {
    const computed = (scale * numerator) / denominator;
    return reject(
      `value ${value} does not match ${scale === 100 ? '100 · ' : ''}numerator / denominator = ${computed}`,
    );
  }
  return { unit: unit.id, indicator: indicator.id, date, value, numerator, denominator };
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

class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Picks `;`, tab or `,` from the header line: whichever splits it into the most fields. */
function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = headerLine.split(candidate).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * RFC 4180 records with CRLF or LF line ends; quoted fields may hold delimiters, quotes ("") and
 * line breaks. Blank lines are skipped. An unterminated quote is a syntax error on its line.
 */
function* csvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  const length = text.length;
  let position = 0;
  let line = 1;
  while (position < length) {
    const startLine = line;
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text[position] === '"') {
        let value = '';
        position++;
        for (;;) {
          const quote = text.indexOf('"', position);
          if (quote === -1) throw new CsvSyntaxError(startLine, 'unterminated quoted field');
          const chunk = text.slice(position, quote);
          value += chunk;
          line += countNewlines(chunk);
          if (text[quote + 1] === '"') {
            value += '"';
            position = quote + 2;
          } else {
            position = quote + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
        const rest = nextBoundary(text, position, delimiter);
        value += text.slice(position, rest);
        fields.push(value);
        quoted.push(true);
        position = rest;
      } else {
        const boundary = nextBoundary(text, position, delimiter);
        fields.push(text.slice(position, boundary));
        quoted.push(false);
        position = boundary;
      }
      const char = text[position];
      if (char === delimiter) {
        position++;
      } else {
        endOfRecord = true;
        if (char === '\r') position++;
        if (text[position] === '\n') position++;
        line++;
      }
    }
    if (!(fields.length === 1 && fields[0]?.trim() === '' && !quoted[0])) {
      yield { line: startLine, fields, quoted };
    }
  }
}

function nextBoundary(text: string, from: number, delimiter: string): number {
  let index = from;
  const length = text.length;
  while (index < length) {
    const char = text[index];
    if (char === delimiter || char === '\n' || char === '\r') return index;
    index++;
  }
  return length;
}

function countNewlines(chunk: string): number {
  let count = 0;
  for (let index = chunk.indexOf('\n'); index !== -1; index = chunk.indexOf('\n', index + 1)) count++;
  return count;
}
