import type { QuarantinedRow } from '../../shared/domain/ingest-records.ts';
import { printable } from '../../shared/errors.ts';
import { formatDateTime } from '../../shared/style/dates.ts';
import type { Language } from '../../shared/style/language.ts';
import { renderColumns, truncate, truncateStart } from './terminal.ts';

/** Longest location shown; its start is cut, never the line number at its end. */
const LOCATION_WIDTH = 48;

const WORDS: Readonly<
  Record<Language, { readonly headers: readonly string[]; readonly none: (p: string) => string }>
> = {
  vi: {
    headers: ['nhận lúc', 'nguồn', 'vị trí', 'dòng', 'lý do'],
    none: (programme) => `Chương trình ${programme} không có dòng nào bị cách ly.`,
  },
  en: {
    headers: ['received', 'source', 'location', 'row', 'reason'],
    none: (programme) => `No quarantined rows for programme ${programme}.`,
  },
};

/**
 * The quarantine list for people, received times on the programme's wall clock in the house
 * style. Rows are what providers sent: spelled out, never passed raw. The reasons stay as the
 * reader of the file wrote them (they name the field and what is wrong, in the providers' terms).
 */
export function renderQuarantineTable(
  rows: readonly QuarantinedRow[],
  options: { readonly language: Language; readonly timeZone: string; readonly programme: string },
): string {
  const words = WORDS[options.language];
  if (rows.length === 0) return words.none(options.programme);
  return renderColumns(
    words.headers,
    rows.map((row) => [
      formatDateTime(row.receivedAt, options.timeZone, options.language),
      printable(row.source),
      truncateStart(printable(row.location), LOCATION_WIDTH),
      truncate(
        printable(
          [row.row.unit, row.row.indicator, row.row.date, row.row.value].map((part) => part ?? '·').join(' '),
        ),
        40,
      ),
      printable(row.reason),
    ]),
    new Set(),
  );
}
