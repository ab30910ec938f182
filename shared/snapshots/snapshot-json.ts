import { describeJsonSyntaxError, formatJsonPath } from '../catalog/json-location.ts';
import { InvalidInputError } from '../errors.ts';
import type { ReceivedRow, SnapshotSink } from './snapshot-file.ts';

const NOT_AN_OBJECT = 'not an object {unit, indicator, date, value}';

/**
 * A JSON document `{"snapshots": [ … ]}` or `[ … ]`: parsed whole (its syntax errors name a line
 * and column of the whole text), then handed on one item at a time.
 */
export function readJsonSnapshots(text: string, file: string, sink: SnapshotSink): void {
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
  for (let index = 0; index < list.length; index++) {
    const item: unknown = list[index];
    const location = formatJsonPath([...prefix, index]);
    if (isRecord(item)) sink.row(rowFromObject(item, location));
    else sink.unreadable({ location, reason: NOT_AN_OBJECT });
    // The rows are handed on; the document need not keep them.
    list[index] = undefined;
  }
}

/** One JSON line of an NDJSON file, already parsed. */
export function receiveJsonItem(item: unknown, location: string, sink: SnapshotSink): void {
  if (isRecord(item)) sink.row(rowFromObject(item, location));
  else sink.unreadable({ location, reason: NOT_AN_OBJECT });
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
