/** One CSV record: its fields, which of them were quoted, and the line it starts on (1-based). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  readonly quoted: boolean[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Picks `;`, tab or `,` from the header line: whichever splits it into the most fields. */
export function detectDelimiter(headerLine: string): string {
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
export function* csvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  const records: CsvRecord[] = [];
  let failure: unknown;
  try {
    new CsvRecordReader(delimiter, (record) => records.push(record)).push(text, true);
  } catch (error) {
    failure = error;
  }
  yield* records;
  if (failure !== undefined) throw failure;
}

/**
 * The same records read from text that arrives in pieces: a record cut by the end of a piece
 * (inside quotes, between CR and LF, or before its line end) is kept back until the next piece, so
 * that a 200 MB file never has to be one string.
 */
export class CsvRecordReader {
  private carry = '';
  private waiting: string[] = [];
  private waitingLength = 0;
  private line = 1;

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {}

  /** Reads every whole record of `carry + piece`; `final` says no more text follows. */
  push(piece: string, final: boolean): void {
    // A record longer than a piece (a huge quoted cell) is read again with every piece; waiting
    // until the new text is as long as the kept-back record keeps that linear.
    if (!final && this.carry.length > this.waitingLength + piece.length) {
      this.waiting.push(piece);
      this.waitingLength += piece.length;
      return;
    }
    const text = this.carry + this.waiting.join('') + piece;
    this.waiting = [];
    this.waitingLength = 0;
    const length = text.length;
    const delimiter = this.delimiter;
    let position = 0;
    let line = this.line;
    let recordStart = 0;
    let recordLine = line;
    for (;;) {
      recordStart = position;
      recordLine = line;
      if (position >= length) break;
      const fields: string[] = [];
      const quoted: boolean[] = [];
      let complete = true;
      for (;;) {
        if (text.charCodeAt(position) === QUOTE) {
          let value = '';
          let scan = position + 1;
          let closed = false;
          for (;;) {
            const quote = text.indexOf('"', scan);
            if (quote === -1 || (!final && quote === length - 1)) break;
            const chunk = text.slice(scan, quote);
            value += chunk;
            line += countNewlines(chunk);
            if (text.charCodeAt(quote + 1) === QUOTE) {
              value += '"';
              scan = quote + 2;
            } else {
              scan = quote + 1;
              closed = true;
              break;
            }
          }
          if (!closed) {
            if (final) throw new CsvSyntaxError(recordLine, 'unterminated quoted field');
            complete = false;
            break;
          }
          // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
          const rest = nextBoundary(text, scan, delimiter);
          value += text.slice(scan, rest);
          fields.push(value);
          quoted.push(true);
          position = rest;
        } else {
          const boundary = nextBoundary(text, position, delimiter);
          fields.push(text.slice(position, boundary));
          quoted.push(false);
          position = boundary;
        }
        if (position >= length) {
          if (!final) complete = false;
          break;
        }
        const char = text[position];
        if (char === delimiter) {
          position++;
          continue;
        }
        // A CR at the end of a piece may be the first half of a CRLF.
        if (char === '\r' && position + 1 >= length && !final) complete = false;
        break;
      }
      if (!complete) {
        line = recordLine;
        break;
      }
      if (position < length) {
        if (text.charCodeAt(position) === CR) position++;
        if (text.charCodeAt(position) === LF) position++;
      }
      line++;
      if (!(fields.length === 1 && fields[0]?.trim() === '' && !quoted[0])) {
        this.onRecord({ line: recordLine, fields, quoted });
      }
    }
    this.carry = final ? '' : text.slice(recordStart);
    this.line = recordLine;
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

function nextBoundary(text: string, from: number, delimiter: string): number {
  const stop = delimiter.charCodeAt(0);
  let index = from;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === stop || code === LF || code === CR) return index;
    index++;
  }
  return length;
}

function countNewlines(chunk: string): number {
  let count = 0;
  for (let index = chunk.indexOf('\n'); index !== -1; index = chunk.indexOf('\n', index + 1)) count++;
  return count;
}
