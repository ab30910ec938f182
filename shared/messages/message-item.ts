import type { AlertKind } from '../alerts/alert-kind.ts';
import type { AlertSnapshot, Audience, NoticeEvent, PendingNotice } from '../alerts/alert-notice.ts';
import type { Language } from './labels.ts';
import type { MessageLinks } from './message-links.ts';

/** Someone else told about the same alert, for the "also informed" line. */
export interface InformedParty {
  readonly role: 'head' | 'data_contact' | 'steering' | 'operator' | 'owner';
  readonly name?: string;
  readonly unitName?: string;
}

/** A unit as a message names it. */
export interface NamedUnit {
  readonly id: string;
  readonly name: string;
}

/** One line of a message, with every name resolved: what the templates render. */
export interface MessageItem {
  readonly event: NoticeEvent;
  readonly kind: AlertKind;
  readonly audience: Audience;
  readonly level: number;
  readonly unitId: string;
  readonly unitName: string;
  /** The units above the item's unit, nearest first (roll-ups group and hold back by them). */
  readonly ancestors: readonly string[];
  /**
   * For a roll-up: the unit right under the recipient's own on the way to the item's unit (the
   * item's unit itself when it is right under; the top unit below the province for the
   * committee and the owner).
   */
  readonly branch: NamedUnit;
  readonly indicatorId: string;
  readonly indicatorName: string;
  /** The catalog's short name for tight places (SMS); the full name when it has none. */
  readonly indicatorShortName: string;
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

/** Who a message is for, as the text names them. */
export interface MessageRecipient {
  /** The greeting's name. */
  readonly name?: string;
  /** Where the subject and the SMS place them: their unit's name, or the steering committee. */
  readonly place: string;
  /** Their unit, for the link to it (none for the committee). */
  readonly unit?: string;
  /** Their address, for the links signed for them. */
  readonly address: string;
}

/** What every message of a run shares. */
export interface MessageContext {
  readonly language: Language;
  readonly programmeId: string;
  readonly programmeName: string;
  /** How people cite the programme (catalog `shortName`, else its id). */
  readonly programmeShortName: string;
  /** Today in the programme's time zone. */
  readonly today: string;
  /** The date the first paragraph asks for an answer by. */
  readonly respondBy: string;
  /** Items an e-mail lists in full before summarising the rest. */
  readonly emailItemLimit: number;
  readonly links: MessageLinks;
}
