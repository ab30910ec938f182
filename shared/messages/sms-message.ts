import { asksForData } from '../alerts/alert-kind.ts';
import { formatValue } from '../style/numbers.ts';
import { countEvents, type MessageContext, type MessageItem } from './message-item.ts';
import { PHRASEBOOKS, type Phrasebook } from './message-text.ts';
import { cleanText } from './plain-text.ts';
import { fitsSegments, isGsmText } from './sms-segments.ts';
import { toSmsText } from './sms-text.ts';

export interface SmsOptions {
  /** Parts the whole message may take (policy.maxSmsSegments). */
  readonly maxSegments: number;
  /** Keep Vietnamese diacritics (UCS-2, 70 characters a part) instead of plain GSM-7. */
  readonly keepDiacritics: boolean;
  /** Say that the details are in the e-mail (only when the recipient has one). */
  readonly pointToEmail: boolean;
  /** The recipient's e-mail is on file but not confirmed: say that no e-mail follows. */
  readonly emailUnconfirmed?: boolean;
}

const MIN_SHORTENED_NAME = 8;

/**
 * A short summary of the items for one recipient that always fits `maxSegments`: as many items
 * as fit, most severe first; a long indicator name is cut with "…"; what does not fit is counted
 * as "+N"; as a last resort the text itself is cut.
 */
export function renderSms(
  context: MessageContext,
  items: readonly MessageItem[],
  options: SmsOptions,
): string {
  const text = PHRASEBOOKS[context.language];
  const header = `dtwatch: ${text.summary(countEvents(items))}.`;
  const maxSegments = Math.max(1, Math.floor(options.maxSegments));
  const finish = (raw: string) => toSmsText(raw, options.keepDiacritics);
  const fits = (raw: string) => fitsSegments(finish(raw), maxSegments);

  const footer = options.emailUnconfirmed ? text.smsEmailUnconfirmed : text.smsFooter;
  for (const withFooter of options.pointToEmail || options.emailUnconfirmed ? [true, false] : [false]) {
    const compose = (parts: readonly string[], remaining: number) =>
      [
        header,
        [parts.join('; '), remaining > 0 ? text.smsMore(remaining) : ''].filter(Boolean).join(' '),
        withFooter ? footer : '',
      ]
        .filter(Boolean)
        .join(' ');
    const included: string[] = [];
    for (const [index, item] of items.entries()) {
      const remaining = items.length - index - 1;
      const full = itemText(context, text, item);
      if (fits(compose([...included, full], remaining))) {
        included.push(full);
        continue;
      }
      const shortened = shortenToFit(context, text, item, (candidate) =>
        fits(compose([...included, candidate], remaining)),
      );
      if (shortened !== undefined) included.push(shortened);
      break;
    }
    const message = compose(included, items.length - included.length);
    if ((included.length > 0 || items.length === 0) && fits(message)) return finish(message);
  }
  return cutToFit(
    finish(`${header} ${items.length > 0 ? text.smsMore(items.length) : ''}`.trim()),
    maxSegments,
  );
}

function itemText(
  context: MessageContext,
  text: Phrasebook,
  item: MessageItem,
  indicatorName?: string,
): string {
  const unit = cleanText(item.unitName);
  const indicator = indicatorName ?? cleanText(item.indicatorName);
  if (item.event === 'resolved') return text.smsItemResolved(unit, indicator);
  const { snapshot } = item;
  if (item.source) return text.smsItemSourceDown(cleanText(item.source.source), item.snapshot.date ?? '');
  if (asksForData(item.kind)) {
    return snapshot.date === null
      ? text.smsItemNeverReported(unit, indicator)
      : text.smsItemStale(unit, indicator, snapshot.date);
  }
  const measure = item.measure === undefined ? undefined : cleanText(item.measure);
  const format = (value: number | null) => formatValue(value, measure, context.language);
  return text.smsItemBehind(
    unit,
    indicator,
    item.rankedValue ?? format(snapshot.value),
    format(snapshot.required),
  );
}

function shortenToFit(
  context: MessageContext,
  text: Phrasebook,
  item: MessageItem,
  fits: (candidate: string) => boolean,
): string | undefined {
  const name = Array.from(cleanText(item.indicatorName));
  for (let length = name.length - 1; length >= MIN_SHORTENED_NAME; length--) {
    const candidate = itemText(context, text, item, `${name.slice(0, length).join('').trimEnd()}…`);
    if (fits(candidate)) return candidate;
  }
  return undefined;
}

/** Last resort: cut the finished text on a character boundary and mark the cut. */
function cutToFit(finished: string, maxSegments: number): string {
  if (fitsSegments(finished, maxSegments)) return finished;
  const characters = Array.from(finished);
  // "…" is not in the GSM-7 alphabet: it would turn a plain message into UCS-2.
  const mark = isGsmText(finished) ? '...' : '…';
  for (let length = characters.length - 1; length > 0; length--) {
    const candidate = `${characters.slice(0, length).join('').trimEnd()}${mark}`;
    if (fitsSegments(candidate, maxSegments)) return candidate;
  }
  return '';
}
