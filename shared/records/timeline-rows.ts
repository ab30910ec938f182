import { csvCell } from '../digest/render-csv.ts';
import type { AuditEvent } from '../domain/audit-event.ts';
import { maskContact } from '../pii-mask.ts';

/**
 * One line of the audit trail as people read it (`dtwatch history`, the web app's CSV export): a
 * message and one series it spoke about, or one action.
 */
export interface TimelineRow {
  readonly at: string;
  readonly kind: AuditEvent['kind'];
  /** Channel for a message (`email`, `sms`), the action otherwise (`recorded`, `set`, `opened`). */
  readonly what: string;
  /** Recipient (masked unless asked) or who acted. */
  readonly who: string;
  readonly indicator: string;
  readonly status: string;
  readonly value: number | null;
  readonly date: string | null;
  readonly required: number | null;
  readonly catalogVersion: string;
  /** Message id and hash, or the note, reason or name the action carried. */
  readonly detail: string;
}

export const TIMELINE_COLUMNS: readonly (keyof TimelineRow)[] = [
  'at',
  'kind',
  'what',
  'who',
  'indicator',
  'status',
  'value',
  'date',
  'required',
  'catalogVersion',
  'detail',
];

/** The timeline as rows, newest first as given; contacts masked unless `showContacts`. */
export function timelineRows(events: readonly AuditEvent[], showContacts = false): TimelineRow[] {
  return events.flatMap((event): TimelineRow[] => {
    const common = {
      at: event.at,
      kind: event.kind,
      catalogVersion: event.catalogVersion ?? '',
      indicator: event.indicator ?? '',
      status: '',
      value: null,
      date: null,
      required: null,
    };
    switch (event.kind) {
      case 'notification': {
        const who = `${event.recipientName ? `${event.recipientName} ` : ''}<${showContacts ? event.recipient : maskContact(event.recipient)}>`;
        const detail = `${event.message} ${event.runKey}, sha256 ${event.messageHash.slice(0, 12)}…, ${event.textLength} chars`;
        const base = { ...common, what: event.channel, who, detail };
        if (event.basis.length === 0) return [base];
        return event.basis.map((item) => ({
          ...base,
          indicator: item.indicator,
          status: `${item.alert} ${item.event}: ${item.status}`,
          value: item.value,
          date: item.date,
          required: item.required,
        }));
      }
      case 'acknowledgement':
        return [
          {
            ...common,
            what: event.action,
            who: event.by,
            detail: [event.until && `until ${event.until}`, event.note].filter(Boolean).join(': '),
          },
        ];
      case 'mute':
        return [
          {
            ...common,
            what: event.action,
            who: event.by,
            detail: [event.until && `until ${event.until}`, event.reason].filter(Boolean).join(': '),
          },
        ];
      default:
        return [
          {
            ...common,
            what: event.action,
            who: event.by,
            detail: `${event.role}: ${event.name} from ${event.validFrom}${event.validTo ? ` to ${event.validTo}` : ''}`,
          },
        ];
    }
  });
}

/**
 * The rows as CSV, the one formatter of `dtwatch history --format csv` and the web's "Tải CSV":
 * RFC 4180 with CRLF, UTF-8 with a byte-order mark (spreadsheets then read Vietnamese), a header
 * of the column names, cells a spreadsheet would run as a formula neutralised.
 */
export function timelineCsv(rows: readonly TimelineRow[]): string {
  const lines = [TIMELINE_COLUMNS, ...rows.map((row) => TIMELINE_COLUMNS.map((column) => row[column]))];
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
