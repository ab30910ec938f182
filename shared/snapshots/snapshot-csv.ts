import { InvalidInputError } from '../errors.ts';
import { type CsvRecord, CsvRecordReader, CsvSyntaxError, detectDelimiter } from './csv-records.ts';
import type { SnapshotSink } from './snapshot-file.ts';

const REQUIRED_COLUMNS = ['unit', 'indicator', 'date', 'value'] as const;

interface Columns {
  readonly names: readonly string[];
  readonly unit: number;
  readonly indicator: number;
  readonly date: number;
  readonly value: number;
  /** Fewest fields a record needs to hold the four required ones. */
  readonly needed: number;
  /** Optional columns: a missing or empty cell means the row carries no ratio. */
  readonly numerator: number;
  readonly denominator: number;
}

/**
 * A snapshot CSV read as it arrives: the header names the columns (in any order, `,` `;` or tab
 * as the first line shows), then each record becomes a row. An unterminated quote ends the
 * reading with one unreadable row; what came before it stands.
 */
export class CsvRowReader {
  private readonly records: CsvRecordReader;
  private readonly delimiter: string;
  private columns: Columns | undefined;
  private stopped = false;

  /** `firstLine`: the text's first line (up to its first LF), which sets the delimiter. */
  constructor(
    firstLine: string,
    private readonly file: string,
    private readonly sink: SnapshotSink,
  ) {
    this.delimiter = detectDelimiter(firstLine);
    this.records = new CsvRecordReader(this.delimiter, (record) => this.receive(record));
  }

  push(piece: string, final: boolean): void {
    if (this.stopped) return;
    try {
      this.records.push(piece, final);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      this.stopped = true;
      this.sink.unreadable({
        location: `line ${error.line}`,
        reason: `${error.message}; the rest of the file was not read`,
      });
    }
    if (final && !this.columns && !this.stopped) {
      throw new InvalidInputError([{ file: this.file, message: 'empty file: expected a header row' }]);
    }
  }

  private receive(record: CsvRecord): void {
    const columns = this.columns;
    if (!columns) {
      this.columns = readHeader(record, this.file);
      return;
    }
    const { names } = columns;
    const fields = record.fields;
    const location = `line ${record.line}`;
    // More fields than the header usually means an unquoted decimal comma (93,5 read as 93 and 5):
    // reading such a row would silently change its value. Trailing empty fields are harmless.
    const overflow =
      fields.length > names.length && fields.slice(names.length).some((field) => field.trim() !== '');
    if (fields.length < columns.needed || overflow) {
      this.sink.unreadable({
        location,
        reason: `has ${fields.length} fields, the header has ${names.length}${overflow && this.delimiter === ',' ? ' (quote a decimal comma: "93,5")' : ''}`,
      });
      return;
    }
    const decimalComma =
      this.delimiter === ';' || this.delimiter === '\t' || record.quoted[columns.value] === true;
    const unit = fields[columns.unit]?.trim();
    const indicator = fields[columns.indicator]?.trim();
    const date = fields[columns.date]?.trim();
    const value = fields[columns.value];
    if (columns.numerator < 0 && columns.denominator < 0) {
      this.sink.row({ location, unit, indicator, date, value, decimalComma });
      return;
    }
    this.sink.row({
      location,
      unit,
      indicator,
      date,
      value,
      decimalComma,
      ...(columns.numerator >= 0 && { numerator: emptyAsAbsent(fields[columns.numerator]) }),
      ...(columns.denominator >= 0 && { denominator: emptyAsAbsent(fields[columns.denominator]) }),
    });
  }
}

function readHeader(record: CsvRecord, file: string): Columns {
  const names = record.fields.map((name) => name.trim().toLowerCase());
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
  const [unit, indicator, date, value] = REQUIRED_COLUMNS.map((column) => names.indexOf(column)) as [
    number,
    number,
    number,
    number,
  ];
  return {
    names,
    unit,
    indicator,
    date,
    value,
    needed: Math.max(unit, indicator, date, value) + 1,
    numerator: names.indexOf('numerator'),
    denominator: names.indexOf('denominator'),
  };
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

function emptyAsAbsent(field: string | undefined): string | undefined {
  const text = field?.trim();
  return text === '' ? undefined : text;
}
