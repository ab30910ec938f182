import { asksForData } from '../alerts/alert-kind.ts';
import { formatDate } from '../style/dates.ts';
import type { MessageContext, MessageItem, MessageRecipient } from './message-item.ts';
import { PHRASEBOOKS, type Phrasebook } from './message-text.ts';
import { cleanText } from './plain-text.ts';
import { fitsSegments } from './sms-segments.ts';
import { toSmsText } from './sms-text.ts';
import { stateCounts } from './state-counts.ts';

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

/**
 * A short message in complete sentences, each ending with a full stop: the date, the
 * recipient's place and what stands ("Ngày 19/05/2025, Sở Y tế: 2 chỉ tiêu chậm tiến độ (Hạng
 * DTI, Hồ sơ DVC trực tuyến)."), what to do, and where the details are. It names indicators
 * (by their short names) only when every one fits: an SMS never lists items it cannot show.
 * Richer forms give way to plainer ones until the text fits `maxSegments`; the plainest, the
 * date and a count, always does.
 */
export function renderSms(
  context: MessageContext,
  recipient: MessageRecipient,
  items: readonly MessageItem[],
  options: SmsOptions,
): string {
  const text = PHRASEBOOKS[context.language];
  const date = formatDate(context.today, context.language);
  const place = cleanText(recipient.place);
  const facts = factsOf(context, text, items);
  const names = namesOf(items);
  const ask = askOf(text, items);
  const footer = options.pointToEmail
    ? text.smsFooter
    : options.emailUnconfirmed
      ? text.smsEmailUnconfirmed
      : '';
  const withNames = names.length > 0 ? `${facts} (${names.join(', ')})` : facts;
  const candidates = [
    [text.smsOn(date, place, withNames), ask, footer],
    [text.smsOn(date, place, withNames), footer],
    [text.smsOn(date, place, facts), ask, footer],
    [text.smsOn(date, place, facts), footer],
    [text.smsOnly(date, facts), ask, footer],
    [text.smsOnly(date, facts), footer],
    [text.smsOnly(date, facts)],
  ];
  const maxSegments = Math.max(1, Math.floor(options.maxSegments));
  for (const sentences of candidates) {
    const sms = toSmsText(sentences.filter(Boolean).join(' '), options.keepDiacritics);
    if (fitsSegments(sms, maxSegments)) return sms;
  }
  return toSmsText(text.smsMinimal(date, items.length), options.keepDiacritics);
}

/** "2 chỉ tiêu chậm tiến độ, 1 chỉ tiêu quá hạn báo cáo, 40 cảnh báo ở 12 đơn vị cấp dưới". */
function factsOf(context: MessageContext, text: Phrasebook, items: readonly MessageItem[]): string {
  const parts: string[] = [];
  const own = items.filter((item) => item.audience === 'responsible');
  for (const item of own) {
    if (item.source && item.event !== 'resolved') {
      const since = item.snapshot.date === null ? '' : formatDate(item.snapshot.date, context.language);
      parts.push(text.smsItemSourceDown(cleanText(item.source.source), since));
    }
  }
  const problems = own.filter((item) => item.event !== 'resolved' && !item.source);
  if (problems.length > 0) parts.push(stateCounts(context.language, text, problems));
  const below = items.filter((item) => item.audience === 'escalation' && item.event !== 'resolved');
  if (below.length > 0) parts.push(text.below(below.length, new Set(below.map((item) => item.unitId)).size));
  const owned = items.filter((item) => item.audience === 'owner' && item.event !== 'resolved');
  if (owned.length > 0) parts.push(text.owned(owned.length));
  if (parts.length > 0) return parts.join(', ');
  return text.indicators(items.length, text.resolvedLabel);
}

/** The short names of the indicators the recipient answers for, when that is all the news. */
function namesOf(items: readonly MessageItem[]): string[] {
  const own = items.filter((item) => item.audience === 'responsible');
  if (own.length !== items.length) return [];
  const problems = own.filter((item) => item.event !== 'resolved');
  const named = problems.length > 0 ? problems : own;
  return [...new Set(named.map((item) => cleanText(item.indicatorShortName)))];
}

function askOf(text: Phrasebook, items: readonly MessageItem[]): string {
  const problems = items.filter((item) => item.event !== 'resolved');
  if (problems.length === 0) return text.smsThanks;
  const own = problems.filter((item) => item.audience === 'responsible');
  if (own.some((item) => !asksForData(item.kind))) return text.smsAskFix;
  if (own.length > 0) return text.smsAskReport;
  return text.smsAskDirect;
}
