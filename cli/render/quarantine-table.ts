import type { QuarantinedRow } from '../../shared/domain/ingest-records.ts';
import { printable } from '../../shared/errors.ts';
import { renderColumns, truncate, truncateStart } from './terminal.ts';

/** Longest location shown; its start is cut, never the line number at its end. */
const LOCATION_WIDTH = 48;

/** The quarantine list for people. Rows are what providers sent: spelled out, never passed raw. */
export function renderQuarantineTable(rows: readonly QuarantinedRow[]): string {
  return renderColumns(
    ['received', 'source', 'location', 'row', 'reason'],
    rows.map((row) => [
      row.receivedAt.replace(/\.\d+Z$/, 'Z'),
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
