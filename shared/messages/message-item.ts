import type { AlertKind } from '../alerts/alert-kind.ts';
import type { AlertSnapshot, NoticeEvent, PendingNotice } from '../alerts/alert-notice.ts';
import type { Language } from './labels.ts';

/** Someone else told about the same alert, for the "also informed" line. */
export interface InformedParty {
  readonly role: 'head' | 'data_contact' | 'steering' | 'operator';
  readonly name?: string;
  readonly unitName?: string;
}

/** One line of a message, with every name resolved: what the templates render. */
export interface MessageItem {
  readonly event: NoticeEvent;
  readonly kind: AlertKind;
  readonly audience: 'responsible' | 'escalation';
  readonly level: number;
  readonly unitId: string;
  readonly unitName: string;
  readonly indicatorId: string;
  readonly indicatorName: string;
  /** Unit of measure of the indicator ("%"). */
  readonly measure?: string;
  /** The latest value as a rank among those ranked on its date ("hạng 39/63"), when the catalog says. */
  readonly rankedValue?: string;
  readonly snapshot: AlertSnapshot;
  readonly openedOn: string;
  readonly raisedOn: string;
  readonly previousKind?: AlertKind;
  /** A `source_down` item: the source and what it holds back (alert-notice.ts). */
  readonly source?: PendingNotice['source'];
  readonly informed: readonly InformedParty[];
}

/** What every message of a run shares. */
export interface MessageContext {
  readonly language: Language;
  readonly programmeId: string;
  readonly programmeName: string;
  /** Today in the programme's time zone. */
  readonly today: string;
  readonly recipientName?: string;
  /** Catalog path shown in the suggested `dtwatch ack` command. */
  readonly catalogPath: string;
  /** Suggested `--until` of an acknowledgement. */
  readonly ackUntil: string;
}

export function countEvents(items: readonly MessageItem[]): Record<NoticeEvent, number> {
  const counts: Record<NoticeEvent, number> = { opened: 0, reminder: 0, escalated: 0, resolved: 0 };
  for (const item of items) counts[item.event]++;
  return counts;
}
