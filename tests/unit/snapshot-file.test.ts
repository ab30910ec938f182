import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/errors.ts';
import { checkRows } from '../../shared/snapshots/observation-rows.ts';
import {
  decodeSnapshotBytes,
  detectSnapshotFormat,
  parseSnapshotText,
} from '../../shared/snapshots/snapshot-file.ts';
import { programmeOf, sampleCatalog } from './catalog-fixtures.ts';

const programme = programmeOf(sampleCatalog());

/** Parses a snapshot text and checks its rows against the sample catalog. */
function read(text: string, file: string) {
  return checkRows(programme, parseSnapshotText(text, file));
}

function invalidInput(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).problems;
  }
  throw new Error('expected an InvalidInputError');
}

const row = (date: string, value: number) => ({ unit: '42', indicator: 'dossiers-online', date, value });

describe('JSON snapshots', () => {
  it('reads {"snapshots": [...]}', () => {
    const text = JSON.stringify({ snapshots: [row('2025-01-11', 30), row('2025-01-21', 40.5)] });
    expect(read(text, 's.json')).toEqual({
      observations: [row('2025-01-11', 30), row('2025-01-21', 40.5)],
      rejected: [],
      ignored: 0,
    });
  });

  it('names a bad item by its JSON path and keeps the others', () => {
    const text = JSON.stringify({ snapshots: [row('2025-01-11', 30), 'oops'] });
    const checked = read(text, 's.json');
    expect(checked.observations).toEqual([row('2025-01-11', 30)]);
    expect(checked.rejected).toEqual([
      { location: 'snapshots[1]', reason: 'not an object {unit, indicator, date, value}', row: {} },
    ]);
  });

  it('invalid JSON is an InvalidInputError with line and column', () => {
    const problems = invalidInput(() => parseSnapshotText('{"snapshots": [\n  {"unit": }\n]}', 's.json'));
    expect(problems).toEqual([
      { file: 's.json', message: expect.stringMatching(/^invalid JSON at line 2, column 12: /) },
    ]);
  });

  it('a document without a snapshots list is an InvalidInputError', () => {
    expect(invalidInput(() => parseSnapshotText('{"rows": []}', 's.json'))).toEqual([
      { file: 's.json', message: 'expected {"snapshots": [ … ]} (or a list of snapshots)' },
    ]);
  });
});

describe('NDJSON snapshots', () => {
  it('reads one object per line; a bad line is rejected alone with its line number', () => {
    const text = [
      JSON.stringify(row('2025-01-11', 30)),
      '{bad',
      '',
      JSON.stringify({ ...row('2025-01-12', 0), value: '31' }),
    ].join('\n');
    const checked = read(text, 's.ndjson');
    expect(checked.observations).toEqual([row('2025-01-11', 30), row('2025-01-12', 31)]);
    expect(checked.rejected).toEqual([
      { location: 'line 2', reason: expect.stringMatching(/^invalid JSON at column 2: /), row: {} },
    ]);
  });

  it('accepts CRLF line ends', () => {
    const text = `${JSON.stringify(row('2025-01-11', 30))}\r\n${JSON.stringify(row('2025-01-12', 31))}\r\n`;
    expect(read(text, 's.ndjson').observations).toHaveLength(2);
  });
});

describe('CSV snapshots', () => {
  it('reads any column order and ignores extra columns', () => {
    const text = 'note,value,date,Indicator,UNIT\nhello,30,2025-01-11,dossiers-online,42\n';
    expect(read(text, 's.csv')).toEqual({ observations: [row('2025-01-11', 30)], rejected: [], ignored: 0 });
  });

  it('";" delimiter with decimal commas, as Vietnamese spreadsheets write them', () => {
    const text =
      'unit;indicator;date;value\n42;dossiers-online;2025-01-11;93,5\n42;dossiers-online;2025-01-12;94.25\n';
    expect(read(text, 's.csv').observations).toEqual([row('2025-01-11', 93.5), row('2025-01-12', 94.25)]);
  });

  it('"," delimiter: a quoted "93,5" is a decimal comma', () => {
    const text = 'unit,indicator,date,value\n42,dossiers-online,2025-01-11,"93,5"\n';
    expect(read(text, 's.csv').observations).toEqual([row('2025-01-11', 93.5)]);
  });

  it('"," delimiter: an unquoted 93,5 is rejected, not read as 93', () => {
    const text =
      'unit,indicator,date,value\n42,dossiers-online,2025-01-11,93,5\n42,dossiers-online,2025-01-12,94\n';
    const checked = read(text, 's.csv');
    expect(checked.observations).toEqual([row('2025-01-12', 94)]);
    expect(checked.rejected).toEqual([
      {
        location: 'line 2',
        reason: 'has 5 fields, the header has 4 (quote a decimal comma: "93,5")',
        row: {},
      },
    ]);
  });

  it('a decimal comma is not accepted unquoted in a value of a ","-file, nor thousands separators', () => {
    const text = 'unit;indicator;date;value\n42;dossiers-online;2025-01-11;1,234,5\n';
    expect(read(text, 's.csv').rejected).toEqual([
      expect.objectContaining({ location: 'line 2', reason: 'value "1,234,5" is not a number' }),
    ]);
  });

  it('tolerates trailing empty fields', () => {
    const text = 'unit,indicator,date,value\n42,dossiers-online,2025-01-11,30,,\n';
    expect(read(text, 's.csv').observations).toEqual([row('2025-01-11', 30)]);
  });

  it('strips a UTF-8 BOM (text and bytes) and accepts CRLF', () => {
    const text = '\uFEFFunit,indicator,date,value\r\n42,dossiers-online,2025-01-11,30\r\n';
    expect(read(text, 's.csv').observations).toEqual([row('2025-01-11', 30)]);
    const decoded = decodeSnapshotBytes(new TextEncoder().encode(text), 's.csv');
    expect(read(decoded, 's.csv').observations).toEqual([row('2025-01-11', 30)]);
  });

  it('quoted fields may hold delimiters, doubled quotes and line breaks; line numbers stay right', () => {
    const text = [
      'note,unit,indicator,date,value',
      '"a, ""quoted""',
      'two-line note",42,dossiers-online,2025-01-11,30',
      'plain,42,dossiers-online,2025-02-30,31',
    ].join('\n');
    const checked = read(text, 's.csv');
    expect(checked.observations).toEqual([row('2025-01-11', 30)]);
    // The second record starts on line 4, after the two-line note.
    expect(checked.rejected).toEqual([
      expect.objectContaining({
        location: 'line 4',
        reason: 'date "2025-02-30" is not a real calendar date YYYY-MM-DD',
      }),
    ]);
  });

  it('a header without a required column is an InvalidInputError naming it', () => {
    expect(invalidInput(() => parseSnapshotText('unit,indicator,value\n42,x,1\n', 's.csv'))).toEqual([
      {
        file: 's.csv',
        location: 'line 1',
        message: 'header must name the columns unit, indicator, date, value; missing date',
      },
    ]);
  });

  it('a header naming a required column twice is an InvalidInputError naming both columns', () => {
    const text = 'unit,indicator,date,value,Value\n42,dossiers-online,2025-01-11,30,31\n';
    expect(invalidInput(() => parseSnapshotText(text, 's.csv'))).toEqual([
      {
        file: 's.csv',
        location: 'line 1, columns 4 and 5',
        message:
          'header names "value" twice: keep one column, the file does not say which one holds the data',
      },
    ]);
  });

  it('in a decimal-comma file, a dot before three digits is ambiguous and the row is refused', () => {
    const text = [
      'unit;indicator;date;value',
      '42;dossiers-online;2025-01-11;4.500',
      '42;dossiers-online;2025-01-12;4,5',
      '42;dossiers-online;2025-01-13;4.5',
      '42;dossiers-online;2025-01-14;0.125',
      '42;dossiers-online;2025-01-15;-12.750',
      '42;dossiers-online;2025-01-16;1.234,5',
      '42;dossiers-online;2025-01-17;12.5000',
    ].join('\n');
    const checked = read(text, 's.csv');
    expect(checked.observations).toEqual([
      row('2025-01-12', 4.5),
      row('2025-01-13', 4.5),
      row('2025-01-14', 0.125),
      row('2025-01-17', 12.5),
    ]);
    expect(checked.rejected.map(({ location, reason }) => ({ location, reason }))).toEqual([
      {
        location: 'line 2',
        reason:
          'value "4.500" is ambiguous in a file with decimal commas (4500 with a thousands separator, or 4.5?): write 4500 or 4,5',
      },
      {
        location: 'line 6',
        reason:
          'value "-12.750" is ambiguous in a file with decimal commas (-12750 with a thousands separator, or -12.75?): write -12750 or -12,75',
      },
      {
        location: 'line 7',
        reason: 'value "1.234,5" has a thousands separator: write 1234,5',
      },
    ]);
  });

  it('in a ","-file the decimal point is the convention: an unquoted 4.500 is 4.5', () => {
    const text = 'unit,indicator,date,value\n42,dossiers-online,2025-01-11,4.500\n';
    expect(read(text, 's.csv').observations).toEqual([row('2025-01-11', 4.5)]);
  });

  it('an empty file is an InvalidInputError', () => {
    expect(invalidInput(() => parseSnapshotText('', 's.csv'))).toEqual([
      { file: 's.csv', message: 'empty file: expected a header row' },
    ]);
  });

  it('a short row is rejected with its line, the others kept', () => {
    const text = 'unit,indicator,date,value\n42,dossiers-online\n42,dossiers-online,2025-01-11,30\n';
    const checked = read(text, 's.csv');
    expect(checked.observations).toEqual([row('2025-01-11', 30)]);
    expect(checked.rejected).toEqual([
      { location: 'line 2', reason: 'has 2 fields, the header has 4', row: {} },
    ]);
  });

  it('an unterminated quote stops the reading with its line', () => {
    const text =
      'unit,indicator,date,value\n42,dossiers-online,2025-01-11,30\n42,"dossiers-online,2025-01-12,31\n';
    const checked = read(text, 's.csv');
    expect(checked.observations).toEqual([row('2025-01-11', 30)]);
    expect(checked.rejected).toEqual([
      { location: 'line 3', reason: 'unterminated quoted field; the rest of the file was not read', row: {} },
    ]);
  });
});

describe('bytes and formats', () => {
  it('invalid UTF-8 bytes give a clear error', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('unit,indicator,date,value\n42,x,'),
      0xc3,
      0x28,
    ]);
    expect(invalidInput(() => decodeSnapshotBytes(bytes, 's.csv'))).toEqual([
      { file: 's.csv', message: 'is not valid UTF-8 text' },
    ]);
  });

  it('Vietnamese text survives decoding', () => {
    const text = decodeSnapshotBytes(new TextEncoder().encode('ghi chú: Phường Thành Sen'), 's.csv');
    expect(text).toBe('ghi chú: Phường Thành Sen');
  });

  it('picks the format from the file name or Content-Type, else from the content', () => {
    expect(detectSnapshotFormat('', 'a.ndjson')).toBe('ndjson');
    expect(detectSnapshotFormat('', 'a.jsonl')).toBe('ndjson');
    expect(detectSnapshotFormat('', 'a.json')).toBe('json');
    expect(detectSnapshotFormat('', 'a.CSV')).toBe('csv');
    expect(detectSnapshotFormat('', 'application/json; charset=utf-8')).toBe('json');
    expect(detectSnapshotFormat('', 'application/x-ndjson')).toBe('ndjson');
    expect(detectSnapshotFormat('', 'text/csv')).toBe('csv');
    expect(detectSnapshotFormat('{"snapshots": []}')).toBe('json');
    expect(detectSnapshotFormat('{"unit": "42", "value": 1}\n{"unit": "42"}')).toBe('ndjson');
    expect(detectSnapshotFormat('unit,indicator,date,value')).toBe('csv');
  });
});
