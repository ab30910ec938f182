import { describeJsonSyntaxError } from '../catalog/json-location.ts';
import type { ReceivedRow, SnapshotSink } from './snapshot-file.ts';
import { receiveJsonItem } from './snapshot-json.ts';

/**
 * NDJSON read as it arrives: one JSON object per line (`\n`), blank lines skipped, a line that
 * is not JSON reported with its number. A line made only of the row's own keys with plain
 * strings and numbers (what exports write) is read directly; anything else goes to JSON.parse,
 * so both give the same row.
 */
export class NdjsonRowReader {
  private carry = '';
  private line = 0;

  constructor(private readonly sink: SnapshotSink) {}

  push(piece: string, final: boolean): void {
    const text = this.carry === '' ? piece : this.carry + piece;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.readLine(text.slice(start, end));
      start = end + 1;
    }
    this.carry = text.slice(start);
    if (final) {
      this.readLine(this.carry);
      this.carry = '';
    }
  }

  private readLine(raw: string): void {
    this.line++;
    const line = raw.trim();
    if (line === '') return;
    const location = `line ${this.line}`;
    const row = plainRow(line, location);
    if (row) {
      this.sink.row(row);
      return;
    }
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (error) {
      this.sink.unreadable({
        location,
        reason: describeJsonSyntaxError(error, line).replace(/ at line 1,/, ' at'),
      });
      return;
    }
    receiveJsonItem(item, location, this.sink);
  }
}

type RowKey = 'unit' | 'indicator' | 'date' | 'value' | 'numerator' | 'denominator';
const ROW_KEYS = new Set<string>(['unit', 'indicator', 'date', 'value', 'numerator', 'denominator']);
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * `{"unit":"42","value":93.5,…}` with only the row's keys, strings without escapes or control
 * characters, and JSON numbers: the row JSON.parse would give. Undefined for anything else.
 */
function plainRow(line: string, location: string): ReceivedRow | undefined {
  const length = line.length;
  if (line.charCodeAt(0) !== 123 || line.charCodeAt(length - 1) !== 125) return undefined;
  const fields: Partial<Record<RowKey, string | number>> = {};
  let position = skipSpace(line, 1);
  if (line.charCodeAt(position) === 125) return position === length - 1 ? rowOf(fields, location) : undefined;
  for (;;) {
    if (line.charCodeAt(position) !== QUOTE) return undefined;
    const keyEnd = plainStringEnd(line, position + 1);
    if (keyEnd === -1) return undefined;
    const key = line.slice(position + 1, keyEnd);
    if (!ROW_KEYS.has(key)) return undefined;
    position = skipSpace(line, keyEnd + 1);
    if (line.charCodeAt(position) !== 58) return undefined;
    position = skipSpace(line, position + 1);
    let valueEnd: number;
    if (line.charCodeAt(position) === QUOTE) {
      valueEnd = plainStringEnd(line, position + 1);
      if (valueEnd === -1) return undefined;
      fields[key as RowKey] = line.slice(position + 1, valueEnd);
      valueEnd++;
    } else {
      valueEnd = position;
      while (valueEnd < length && isNumberChar(line.charCodeAt(valueEnd))) valueEnd++;
      const number = line.slice(position, valueEnd);
      if (!NUMBER.test(number)) return undefined;
      fields[key as RowKey] = Number(number);
    }
    position = skipSpace(line, valueEnd);
    const next = line.charCodeAt(position);
    if (next === 125) return position === length - 1 ? rowOf(fields, location) : undefined;
    if (next !== 44) return undefined;
    position = skipSpace(line, position + 1);
  }
}

function rowOf(fields: Partial<Record<RowKey, string | number>>, location: string): ReceivedRow {
  return {
    location,
    unit: fields.unit,
    indicator: fields.indicator,
    date: fields.date,
    value: fields.value,
    ...(fields.numerator !== undefined && { numerator: fields.numerator }),
    ...(fields.denominator !== undefined && { denominator: fields.denominator }),
  };
}

/** Where a string's closing quote is, or -1 when it has an escape or a control character. */
function plainStringEnd(line: string, from: number): number {
  for (let index = from; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === QUOTE) return index;
    if (code === BACKSLASH || code < 32) return -1;
  }
  return -1;
}

/** JSON's whitespace only: String#trim's wider set is not JSON. */
function skipSpace(line: string, from: number): number {
  let index = from;
  for (;;) {
    const code = line.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return index;
    index++;
  }
}

function isNumberChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || code === 45 || code === 43 || code === 46 || code === 101 || code === 69
  );
}
