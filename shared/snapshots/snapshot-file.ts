import { describeJsonSyntaxError, formatJsonPath } from '../catalog/json-location.ts';
import { InvalidInputError } from '../errors.ts';
import { decodeUtf8 } from '../input-text.ts';
import { CsvSyntaxError, csvRecords, detectDelimiter } from './csv-records.ts';

export type SnapshotFormat = 'json' | 'ndjson' | 'csv';

/** A row as received, before it is checked against the catalog. */
export interface ReceivedRow {
  /** `line 12` (CSV, NDJSON) or `snapshots[3]` (JSON). */
  readonly location: string;
  readonly unit: unknown;
  readonly indicator: unknown;
  readonly date: unknown;
  readonly value: unknown;
  /** CSV only: a decimal comma is accepted in this value. */
  readonly decimalComma?: boolean;
}

/** A row that cannot even be read as a row (bad NDJSON line, short CSV record). */
export interface UnreadableRow {
  readonly location: string;
  readonly reason: string;
}

export interface SnapshotBatch {
  readonly format: SnapshotFormat;
  readonly rows: ReceivedRow[];
  readonly unreadable: UnreadableRow[];
}

export const MAX_SNAPSHOT_BYTES = 200 * 1024 * 1024;
const REQUIRED_COLUMNS = ['unit', 'indicator', 'date', 'value'] as const;

/** Chooses the encoding from a file name or a Content-Type, else from the content itself. */
export function detectSnapshotFormat(text: string, hint?: string): SnapshotFormat {
  const lower = (hint ?? '').toLowerCase();
  if (/\.ndjson$|\.jsonl$|ndjson|jsonlines|json-seq/.test(lower)) return 'ndjson';
  if (/\.json$|\/json\b|\+json\b/.test(lower)) return 'json';
  if (/\.csv$|\.tsv$|text\/csv|text\/tab-separated-values/.test(lower)) return 'csv';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    const firstLine = start.split('\n', 1)[0]?.trim() ?? '';
    return firstLine.endsWith('}') && /"unit"\s*:/.test(firstLine) ? 'ndjson' : 'json';
  }
  return 'csv';
}

/** Strict UTF-8 decoding within the size limit; a BOM is dropped. */
export function decodeSnapshotBytes(bytes: Uint8Array, file: string): string {
  return decodeUtf8(bytes, file, MAX_SNAPSHOT_BYTES);
}

export function parseSnapshotText(text: string, file: string, hint?: string): SnapshotBatch {
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
  return { location, unit: item.unit, indicator: item.indicator, date: item.date, value: item.value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
