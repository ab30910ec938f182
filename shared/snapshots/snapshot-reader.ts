import { checkSnapshotBytes, decodedPieces, type SnapshotInput } from './snapshot-bytes.ts';
import { CsvRowReader } from './snapshot-csv.ts';
import {
  formatFromContent,
  formatFromHint,
  type SnapshotFormat,
  type SnapshotSink,
} from './snapshot-file.ts';
import { readJsonSnapshots } from './snapshot-json.ts';
import { NdjsonRowReader } from './snapshot-ndjson.ts';

/**
 * The read path of every snapshot file (evaluate, ingest --file, the sources, the S3 inbox): the
 * bytes are checked (size, strict UTF-8) before anything is read, then decoded a piece at a time
 * and each row handed to `sink` as soon as it is read. A file that cannot be read at all throws
 * InvalidInputError; rows that cannot be read reach `sink.unreadable`.
 */
export function readSnapshotBytes(
  bytes: SnapshotInput,
  file: string,
  hint: string | undefined,
  sink: SnapshotSink,
): SnapshotFormat {
  checkSnapshotBytes(bytes, file);
  return readSnapshotText(decodedPieces(bytes), file, hint, sink);
}

/** Text in pieces (already decoded) read the same way. */
export function readSnapshotText(
  pieces: Iterable<string>,
  file: string,
  hint: string | undefined,
  sink: SnapshotSink,
): SnapshotFormat {
  const reader = snapshotReader(file, hint, sink);
  for (const piece of pieces) reader.push(piece, false);
  reader.push('', true);
  return reader.format ?? 'csv';
}

/**
 * A reader to push decoded pieces into (the last one with `final`), for a caller that does
 * something slow between pieces (ingest stores what a piece gave before it reads the next).
 */
export function snapshotReader(
  file: string,
  hint: string | undefined,
  sink: SnapshotSink,
): PieceReader & { readonly format: SnapshotFormat | undefined } {
  return new ReadStart(file, formatFromHint(hint ?? file), sink);
}

export interface PieceReader {
  push(piece: string, final: boolean): void;
}

/** Holds the text back until the format and (for CSV) the delimiter can be told, then reads on. */
class ReadStart {
  private head = '';
  private reader: PieceReader | undefined;

  constructor(
    private readonly file: string,
    public format: SnapshotFormat | undefined,
    private readonly sink: SnapshotSink,
  ) {}

  push(piece: string, final: boolean): void {
    if (this.reader) {
      this.reader.push(piece, final);
      return;
    }
    // Concatenated exports can start with several BOMs (the decoder drops only the first).
    this.head = (this.head + piece).replace(/^\uFEFF+/, '');
    const head = this.head;
    // Until some text that is not a BOM has come, a later piece may still start with a BOM.
    if (head === '' && !final) return;
    const firstBreak = head.indexOf('\n');
    if (!this.format) {
      const begins = head.trimStart();
      if (!final && (begins === '' || (begins.startsWith('{') && !begins.includes('\n')))) return;
      this.format = formatFromContent(head);
    }
    if (this.format === 'csv' && firstBreak === -1 && !final) return;
    this.reader = this.readerFor(this.format, head, firstBreak);
    this.head = '';
    this.reader.push(head, final);
  }

  private readerFor(format: SnapshotFormat, head: string, firstBreak: number): PieceReader {
    switch (format) {
      case 'csv': {
        const end =
          firstBreak === -1 ? head.length : head[firstBreak - 1] === '\r' ? firstBreak - 1 : firstBreak;
        return new CsvRowReader(head.slice(0, end), this.file, this.sink);
      }
      case 'ndjson':
        return new NdjsonRowReader(this.sink);
      case 'json':
        return new WholeJson(this.file, this.sink);
    }
  }
}

/**
 * A JSON document is read once it is all there, unlike CSV and NDJSON: its syntax errors are
 * reported with a line and column of the whole text (JSON.parse's message, made readable by
 * describeJsonSyntaxError), and one document has no row boundary to resume at after an error.
 * Its memory is therefore the text plus the parsed items (about 3× the file); the bench measures
 * it. Large files are better sent as CSV or NDJSON.
 */
class WholeJson implements PieceReader {
  private readonly pieces: string[] = [];

  constructor(
    private readonly file: string,
    private readonly sink: SnapshotSink,
  ) {}

  push(piece: string, final: boolean): void {
    this.pieces.push(piece);
    if (final) readJsonSnapshots(this.pieces.splice(0).join(''), this.file, this.sink);
  }
}
