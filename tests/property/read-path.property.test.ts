import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Programme } from '../../shared/catalog/programme.ts';
import { toDayNumber } from '../../shared/domain/calendar-date.ts';
import { currentValues } from '../../shared/domain/observation.ts';
import { groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { ratioIndexOf } from '../../shared/domain/scorecard.ts';
import { InvalidInputError } from '../../shared/errors.ts';
import { decodeUtf8 } from '../../shared/input-text.ts';
import { checkRows, type Observation, type RowPolicy } from '../../shared/snapshots/observation-rows.ts';
import { readForEvaluation } from '../../shared/snapshots/read-for-evaluation.ts';
import { checkFileForStore, storeCheckedFile } from '../../shared/snapshots/read-for-ingest.ts';
import { decodedPieces, type SnapshotBytes } from '../../shared/snapshots/snapshot-bytes.ts';
import {
  decodeSnapshotBytes,
  parseSnapshotText,
  type ReceivedRow,
  type UnreadableRow,
} from '../../shared/snapshots/snapshot-file.ts';
import { readSnapshotText } from '../../shared/snapshots/snapshot-reader.ts';
import { referenceParse, referenceRead } from '../support/reference-snapshot-reader.ts';
import { programmeOf, sampleCatalog } from '../unit/catalog-fixtures.ts';
import { reorganisedCatalog } from '../unit/reorganisation-fixtures.ts';

/**
 * The streaming read path (issue #19) against the simple reader it replaced, kept in
 * tests/support/reference-snapshot-reader.ts: for random files — rejects, revisions of one
 * (series, day), every encoding (CSV with `,` `;` or tab, quoted or not, CRLF; NDJSON; JSON; BOMs;
 * broken UTF-8 and UTF-16) — the same rows, the same messages in the same order, the same
 * observations, and the same error when the file cannot be read at all.
 */

const PROGRAMMES: readonly Programme[] = [programmeOf(sampleCatalog()), programmeOf(reorganisedCatalog())];
const TODAY = '2026-01-15';

interface RandomRow {
  unit?: string | number;
  indicator?: string;
  date?: string;
  value?: string | number;
  numerator?: string | number;
  denominator?: string | number;
}

function rowArbitrary(programme: Programme): fc.Arbitrary<RandomRow> {
  const unitNames = [...new Set(programme.catalog.units.flatMap((unit) => [unit.id, unit.code ?? unit.id]))];
  const indicators = programme.catalog.indicators.map((indicator) => indicator.id);
  const field = <T>(values: fc.Arbitrary<T>) => fc.option(values, { nil: undefined, freq: 12 });
  return fc.record(
    {
      unit: field(fc.oneof(fc.constantFrom(...unitNames), fc.constantFrom('77', ' 42 ', 'x"y', 'ô,1'))),
      indicator: field(fc.oneof(fc.constantFrom(...indicators), fc.constantFrom('nope', 'a;b'))),
      date: field(
        fc.constantFrom(
          '2024-01-31',
          '2024-12-31',
          '2025-01-31',
          '2025-06-30',
          '2025-07-01',
          '2025-12-31',
          '2026-01-15',
          '2026-02-28',
          '2025-02-30',
          '2025-1-1',
          '2099-01-01',
        ),
      ),
      value: field(
        fc.oneof(
          fc.constantFrom(0, 1, 12.5, 30, 61, 64, 99.99, 100, 101, -1),
          fc.constantFrom('40', '4,5', '4.500', '1.234,5', 'abc', '1e309', ' 7 ', '', '0.500'),
        ),
      ),
      numerator: fc.option(fc.constantFrom(1, 3, 45, '45', '4,5', -1, ''), { nil: undefined, freq: 3 }),
      denominator: fc.option(fc.constantFrom(2, 10, 100, '100', 0), { nil: undefined, freq: 3 }),
    },
    { requiredKeys: [] },
  );
}

type Encoding =
  | { kind: 'csv'; delimiter: ',' | ';' | '\t'; crlf: boolean; quoteAll: boolean; columns: string[] }
  | { kind: 'ndjson'; junk: boolean; spaced: boolean }
  | { kind: 'json'; wrapped: boolean; junk: boolean };

const encodingArbitrary: fc.Arbitrary<Encoding> = fc.oneof(
  fc.record({
    kind: fc.constant('csv' as const),
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
    crlf: fc.boolean(),
    quoteAll: fc.boolean(),
    columns: fc.shuffledSubarray(['unit', 'indicator', 'date', 'value', 'numerator', 'denominator', 'note'], {
      minLength: 3,
    }),
  }),
  fc.record({ kind: fc.constant('ndjson' as const), junk: fc.boolean(), spaced: fc.boolean() }),
  fc.record({ kind: fc.constant('json' as const), wrapped: fc.boolean(), junk: fc.boolean() }),
);

function render(rows: readonly RandomRow[], encoding: Encoding): string {
  switch (encoding.kind) {
    case 'csv': {
      const { delimiter, columns } = encoding;
      const cell = (value: unknown, index: number) => {
        const text = value === undefined ? '' : String(value);
        const needsQuotes = /["\r\n]/.test(text) || text.includes(delimiter);
        return encoding.quoteAll || needsQuotes || index % 5 === 4 ? `"${text.replaceAll('"', '""')}"` : text;
      };
      const lines = rows.map((row, index) => {
        const cells = columns.map((column) =>
          cell(column === 'note' ? 'ghi chú\nhai dòng' : row[column as keyof RandomRow], index),
        );
        // Now and then a short record, an extra cell, or a blank line.
        if (index % 7 === 6) cells.pop();
        if (index % 11 === 10) cells.push('93');
        return index % 9 === 8
          ? `${cells.join(delimiter)}${encoding.crlf ? '\r\n' : '\n'}`
          : cells.join(delimiter);
      });
      return [columns.join(delimiter), ...lines].join(encoding.crlf ? '\r\n' : '\n');
    }
    case 'ndjson':
      return rows
        .map((row, index) => {
          if (encoding.junk && index % 6 === 5) return index % 12 === 11 ? '[1, 2]' : '{"unit": "42",';
          const text = JSON.stringify(row, null, encoding.spaced && index % 3 === 0 ? 1 : undefined);
          return index % 4 === 3 ? ` ${text.replaceAll('\n', '')}\r` : text.replaceAll('\n', '');
        })
        .join('\n');
    case 'json': {
      const items: unknown[] = rows.map((row, index) => (encoding.junk && index % 5 === 4 ? 'row' : row));
      return JSON.stringify(encoding.wrapped ? { snapshots: items } : items, null, 1);
    }
  }
}

const fileName = (encoding: Encoding) => `snapshots.${encoding.kind}`;

/** What a reader gives, or the problems it refused the file with. */
function outcome<T>(read: () => T): { value: T } | { problems: unknown } {
  try {
    return { value: read() };
  } catch (error) {
    if (error instanceof InvalidInputError) return { problems: error.problems };
    throw error;
  }
}

function randomSplits(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces;
}

const fileArbitrary = fc
  .constantFrom(...PROGRAMMES)
  .chain((programme) =>
    fc.record({
      programme: fc.constant(programme),
      rows: fc.array(rowArbitrary(programme), { maxLength: 40 }),
      encoding: encodingArbitrary,
      boms: fc.constantFrom(0, 0, 1, 2),
      named: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      pieceBytes: fc.integer({ min: 1, max: 48 }),
      policy: fc.constantFrom<RowPolicy>({ rejectAfter: TODAY }, { ignoreAfter: TODAY }, {}),
    }),
  )
  .map((file) => ({
    ...file,
    text: '\uFEFF'.repeat(file.boms) + render(file.rows, file.encoding),
  }));

describe('the streaming read path gives exactly what the reference reader gives', () => {
  it('rows and unreadable rows, whatever the pieces the text arrives in', () => {
    fc.assert(
      fc.property(fileArbitrary, ({ text, encoding, named, cuts }) => {
        const file = named ? fileName(encoding) : 'snapshots';
        const expected = outcome(() => referenceParse(text, file));
        const streamed = outcome(() => {
          const rows: ReceivedRow[] = [];
          const unreadable: UnreadableRow[] = [];
          const format = readSnapshotText(randomSplits(text, cuts), file, undefined, {
            row: (row) => rows.push(row),
            unreadable: (problem) => unreadable.push(problem),
          });
          return { format, rows, unreadable };
        });
        expect(streamed).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('checked observations and rejections (messages, order) for evaluate, ingest and the batch API', async () => {
    await fc.assert(
      fc.asyncProperty(fileArbitrary, async ({ programme, text, encoding, named, policy, pieceBytes }) => {
        const file = named ? fileName(encoding) : 'snapshots';
        const bytes = new TextEncoder().encode(text);
        // As a file on disk is read: a few bytes at a time into one reused buffer.
        const onDisk = readFromDisk(bytes, pieceBytes);
        const expected = outcome(() => referenceRead(programme, bytes, file, policy));
        expect(
          outcome(() =>
            checkRows(programme, parseSnapshotText(decodeSnapshotBytes(bytes, file), file), policy),
          ),
        ).toEqual(expected);

        const forEvaluation = outcome(() => readForEvaluation(programme, bytes, file, policy));
        expect(outcomeWithoutHistory(() => readForEvaluation(programme, onDisk, file, policy))).toEqual(
          outcomeWithoutHistory(() => readForEvaluation(programme, bytes, file, policy)),
        );
        if ('problems' in expected) {
          expect(forEvaluation).toEqual(expected);
          expect(outcome(() => checkFileForStore(programme, bytes, file, undefined, policy))).toEqual(
            expected,
          );
          expect(outcome(() => checkFileForStore(programme, onDisk, file, undefined, policy))).toEqual(
            expected,
          );
          return;
        }
        const reference = expected.value;
        if (!('value' in forEvaluation))
          throw new Error('the streaming path refused a file the reference read');
        expect(forEvaluation.value.rejected).toEqual(reference.rejected);
        expect(forEvaluation.value.ignored).toBe(reference.ignored);
        expectSameHistory(forEvaluation.value.history, reference.observations);
        expect(forEvaluation.value.ratios).toEqual(withoutEmpty(ratioIndexOf(reference.observations)));

        const checked = checkFileForStore(programme, bytes, file, undefined, policy);
        expect(checked.rejected).toEqual(reference.rejected);
        expect(checked.observations).toBe(reference.observations.length);
        const stored: Observation[][] = [];
        await storeCheckedFile(checked, bytes, file, undefined, { size: 3, inFlight: 1 }, async (batch) => {
          stored.push(batch);
        });
        expect(stored.every((batch) => batch.length <= 3)).toBe(true);
        expect(stored.flat()).toEqual(reference.observations);

        const checkedOnDisk = checkFileForStore(programme, onDisk, file, undefined, policy);
        expect(checkedOnDisk.rejected).toEqual(reference.rejected);
        const storedOnDisk: Observation[] = [];
        await storeCheckedFile(
          checkedOnDisk,
          onDisk,
          file,
          undefined,
          { size: 3, inFlight: 2 },
          async (batch) => {
            storedOnDisk.push(...batch);
          },
        );
        expect(storedOnDisk).toEqual(reference.observations);
      }),
      { numRuns: 300 },
    );
  });

  it('bytes that are not UTF-8 (broken sequences, UTF-16) are refused with the same problem', () => {
    fc.assert(
      fc.property(
        fileArbitrary,
        fc.nat(),
        fc.constantFrom(
          [0xff],
          [0xc3],
          [0xed, 0xa0, 0x80],
          [0xe2, 0x82],
          [0xf4, 0x90, 0x80, 0x80],
          [0xc0, 0xaf],
        ),
        fc.boolean(),
        ({ programme, text, encoding, policy, pieceBytes }, at, bad, utf16) => {
          const file = fileName(encoding);
          const good = new TextEncoder().encode(text);
          const position = at % (good.length + 1);
          const bytes = utf16
            ? new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')])
            : new Uint8Array([...good.subarray(0, position), ...bad, ...good.subarray(position)]);
          const expected = outcome(() => referenceRead(programme, bytes, file, policy));
          expect(outcome(() => readForEvaluation(programme, bytes, file, policy))).toEqual(expected);
          expect(outcome(() => checkFileForStore(programme, bytes, file, undefined, policy))).toEqual(
            expected,
          );
          const onDisk = readFromDisk(bytes, pieceBytes);
          expect(outcomeWithoutHistory(() => readForEvaluation(programme, onDisk, file, policy))).toEqual(
            outcomeWithoutHistory(() => readForEvaluation(programme, bytes, file, policy)),
          );
          expect(outcome(() => checkFileForStore(programme, onDisk, file, undefined, policy))).toEqual(
            expected,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('text decoded a few bytes at a time is the text decoded at once (multi-byte characters cut anywhere)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(2),
        (text, size, boms) => {
          const bytes = new TextEncoder().encode('\uFEFF'.repeat(boms) + text);
          expect([...decodedPieces(bytes, size)].join('')).toBe(decodeUtf8(bytes, 'f', bytes.length));
        },
      ),
    );
  });
});

/**
 * Bytes handed over as cli/snapshot-file-bytes.ts reads a file: `size` bytes at a time, each
 * piece in the same buffer, overwritten when the next is read.
 */
function readFromDisk(bytes: Uint8Array, size: number): SnapshotBytes {
  return {
    byteLength: bytes.byteLength,
    *pieces() {
      const buffer = new Uint8Array(size);
      for (let offset = 0; offset < bytes.byteLength; offset += size) {
        const piece = bytes.subarray(offset, offset + size);
        buffer.set(piece);
        yield buffer.subarray(0, piece.length);
      }
    },
  };
}

/** A reading for evaluation with its history as plain lists, to compare two readings. */
function outcomeWithoutHistory(read: () => ReturnType<typeof readForEvaluation>) {
  return outcome(() => {
    const { history, ...rest } = read();
    return { ...rest, history: [...history.entries()] };
  });
}

/** The engine's view of each series (one value per day, the last received) is the same. */
function expectSameHistory(
  history: ReturnType<typeof readForEvaluation>['history'],
  observations: readonly Observation[],
) {
  const reference = groupBySeries(observations);
  expect([...history.keys()].sort()).toEqual([...reference.keys()].sort());
  const far = toDayNumber('9999-12-31');
  for (const [key, list] of reference) {
    expect(currentValues(history.get(key) ?? [], far)).toEqual(currentValues(list, far));
  }
}

/** A series whose every ratio was later cleared holds an empty map in `ratioIndexOf`; lookups see none either way. */
function withoutEmpty(index: ReturnType<typeof ratioIndexOf>) {
  return new Map([...index].filter(([, days]) => days.size > 0));
}
