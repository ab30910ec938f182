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
