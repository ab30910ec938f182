import { asksForData } from '../alerts/alert-kind.ts';
import { days, isCalendarDate } from '../domain/calendar-date.ts';
import type { MilestoneVerdict } from '../domain/series-status.ts';
import { formatDate } from '../style/dates.ts';
import { formatGap, formatPace, formatValue } from '../style/numbers.ts';
import { kindLabel, type Language, STATUS_LABELS, VERDICT_LABELS } from './labels.ts';
import type { InformedParty, MessageContext, MessageItem, MessageRecipient } from './message-item.ts';
import { PHRASEBOOKS, type Phrasebook } from './message-text.ts';
import { cleanText } from './plain-text.ts';
import { type RollUp, rollUp } from './roll-up.ts';
import { stateCounts } from './state-counts.ts';

export interface RenderedEmail {
  readonly subject: string;
  readonly body: string;
}

/** E-mail subjects must be one line of fewer than 100 characters (SNS rejects longer ones). */
export const MAX_SUBJECT_LENGTH = 99;
/** No e-mail is bigger than this (UTF-8 bytes of subject and body): people read it on a phone. */
export const MAX_EMAIL_BYTES = 20 * 1024;
/** Room kept for the headers a transport adds (the outbox's To, Channel, Run, Subject…). */
const HEADER_ROOM = 1024;
/** Worst alerts a roll-up names with their figures. */
export const ROLL_UP_WORST = 5;
/** A subject's place is cut to this when the whole subject is too long. */
const SUBJECT_PLACE_LENGTH = 30;
/** Units right below a roll-up names with their counts. */
const ROLL_UP_BRANCHES = 5;

interface Budget {
  readonly items: number;
  readonly worst: number;
}

/**
 * One plain-text e-mail for one recipient and run: a first paragraph saying what to do and by
 * when; the alerts they answer for, item by item up to the item limit (the rest counted); then
 * roll-ups of what was escalated to them and of the indicators they own. It never exceeds
 * MAX_EMAIL_BYTES: lists shrink until it fits.
 */
export function renderEmail(
  context: MessageContext,
  recipient: MessageRecipient,
  items: readonly MessageItem[],
): RenderedEmail {
  let email: RenderedEmail | undefined;
  for (const budget of budgets(context.emailItemLimit)) {
    email = compose(context, recipient, items, budget);
    if (emailBytes(email) <= MAX_EMAIL_BYTES - HEADER_ROOM) return email;
  }
  return email ?? compose(context, recipient, items, { items: 0, worst: 0 });
}

export function emailBytes(email: RenderedEmail): number {
  return Buffer.byteLength(email.subject, 'utf8') + Buffer.byteLength(email.body, 'utf8');
}

function* budgets(itemLimit: number): Generator<Budget> {
  for (let items = Math.max(0, itemLimit); items > 0; items = Math.floor(items / 2)) {
    yield { items, worst: ROLL_UP_WORST };
  }
  for (let worst = ROLL_UP_WORST; worst >= 0; worst--) yield { items: 0, worst };
}

function compose(
  context: MessageContext,
  recipient: MessageRecipient,
  items: readonly MessageItem[],
  budget: Budget,
): RenderedEmail {
  const text = PHRASEBOOKS[context.language];
  const own = items.filter((item) => item.audience === 'responsible');
  const below = rollUp(
    items.filter((item) => item.audience === 'escalation'),
    budget.worst,
  );
  const owned = rollUp(
    items.filter((item) => item.audience === 'owner'),
    budget.worst,
  );
  const subject = subjectLine(
    cleanText(recipient.place),
    headline(context, text, own, below, owned),
    cleanText(context.programmeShortName),
  );
  const name = recipient.name ? cleanText(recipient.name) : '';
  const lines = [
    text.greeting(name || undefined),
    '',
    firstParagraph(context, text, recipient, own, below, owned),
    text.context(cleanText(context.programmeName), formatDate(context.today, context.language)),
    '',
  ];
  const shown = own.slice(0, budget.items);
  shown.forEach((item, index) => {
    lines.push(...itemLines(context, text, recipient, item, index + 1), '');
  });
  if (own.length > shown.length) {
    const rest = own.slice(shown.length);
    lines.push(text.more(rest.length, statusList(context.language, text, rest)));
    lines.push(seeMore(text, placeLink(context, recipient)), '');
  }
  if (below.alerts > 0) {
    lines.push(...rollUpLines(context, text, below, 'below', recipient), '');
  }
  if (owned.alerts > 0) {
    lines.push(...rollUpLines(context, text, owned, 'owned', recipient), '');
  }
  lines.push(text.footer);
  return { subject, body: lines.join('\n') };
}

/** "[Sở GD&ĐT] 3 chỉ tiêu chậm tiến độ – NQ 05-NQ/TU": when too long, the place is cut, then the headline. */
function subjectLine(place: string, headline: string, programme: string): string {
  const length = (text: string) => Array.from(text).length;
  const line = (where: string, what: string) => `[${where}] ${what} – ${programme}`;
  if (length(line(place, headline)) <= MAX_SUBJECT_LENGTH) return line(place, headline);
  const where = truncate(place, SUBJECT_PLACE_LENGTH);
  const room = MAX_SUBJECT_LENGTH - length(line(where, ''));
  // The programme stays whole at the end: the headline gives way first.
  return truncate(line(where, truncate(headline, Math.max(room, 1))), MAX_SUBJECT_LENGTH);
}

/** "3 chỉ tiêu chậm tiến độ, 1 chỉ tiêu quá hạn báo cáo; 219 cảnh báo ở 45 đơn vị cấp dưới". */
function headline(
  context: MessageContext,
  text: Phrasebook,
  own: readonly MessageItem[],
  below: RollUp,
  owned: RollUp,
): string {
  const parts: string[] = [];
  const problems = own.filter((item) => item.event !== 'resolved');
  if (problems.length > 0) parts.push(stateCounts(context.language, text, problems));
  const belowProblems = below.alerts - below.events.resolved;
  if (belowProblems > 0) parts.push(text.below(belowProblems, below.units));
  const ownedProblems = owned.alerts - owned.events.resolved;
  if (ownedProblems > 0) parts.push(text.owned(ownedProblems));
  if (parts.length > 0) return parts.join('; ');
  const resolved = own.length + below.events.resolved + owned.events.resolved;
  return text.indicators(resolved, text.resolvedLabel);
}

function firstParagraph(
  context: MessageContext,
  text: Phrasebook,
  recipient: MessageRecipient,
  own: readonly MessageItem[],
  below: RollUp,
  owned: RollUp,
): string {
  const by = formatDate(context.respondBy, context.language);
  const place = cleanText(recipient.place);
  const sentences: string[] = [];
  const problems = own.filter((item) => item.event !== 'resolved');
  const missing = problems.filter((item) => asksForData(item.kind));
  const behind = problems.filter((item) => !asksForData(item.kind));
  if (behind.length > 0) sentences.push(text.askFix(stateCounts(context.language, text, behind), place, by));
  if (missing.length > 0) {
    sentences.push(text.askReport(stateCounts(context.language, text, missing), place, by));
  }
  const belowProblems = below.alerts - below.events.resolved;
  if (belowProblems > 0) sentences.push(text.askDirect(text.below(belowProblems, below.units), by));
  const ownedProblems = owned.alerts - owned.events.resolved;
  if (ownedProblems > 0) sentences.push(text.askOwner(text.owned(ownedProblems), by));
  if (problems.length > 0) {
    const linked = problems.some((item) => alertLinkOf(context, item, recipient.address) !== undefined);
    sentences.push(linked ? text.answerByLink : text.answerByReply);
  }
  const resolved = own.length - problems.length;
  if (resolved > 0) sentences.push(text.goodNews(resolved, place));
  const resolvedBelow = below.events.resolved + owned.events.resolved;
  if (resolvedBelow > 0) sentences.push(text.goodNewsBelow(resolvedBelow));
  return sentences.join(' ');
}

/** "8 chậm tiến độ, 4 quá hạn báo cáo, 1 đã khắc phục". */
function statusList(language: Language, text: Phrasebook, items: readonly MessageItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const label = item.event === 'resolved' ? text.resolvedLabel : kindLabel(language, item.kind);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => `${count} ${label}`).join(', ');
}

function seeMore(text: Phrasebook, link: string | undefined): string {
  return link === undefined ? text.seeDigest : text.seeAll(link);
}

/** The page of the recipient's own unit, or every alert for the committee. */
function placeLink(context: MessageContext, recipient: MessageRecipient): string | undefined {
  return recipient.unit === undefined ? context.links.alertsLink() : context.links.unitLink(recipient.unit);
}

function alertLinkOf(context: MessageContext, item: MessageItem, address: string): string | undefined {
  return context.links.alertLink(
    { unit: item.unitId, indicator: item.indicatorId, kind: item.kind },
    address,
  );
}

function rollUpLines(
  context: MessageContext,
  text: Phrasebook,
  summary: RollUp,
  scope: 'below' | 'owned',
  recipient: MessageRecipient,
): string[] {
  const { language } = context;
  const lines = [
    scope === 'below'
      ? text.rollUpBelowTitle(summary.alerts, summary.units)
      : text.rollUpOwnedTitle(summary.alerts, summary.units),
  ];
  if (summary.byKind.length > 0) {
    lines.push(
      text.byStatus(
        summary.byKind.map(({ key, alerts }) => `${alerts} ${kindLabel(language, key)}`).join(', '),
      ),
    );
  }
  lines.push(text.thisRun(text.events(summary.events)));
  if (scope === 'below' && summary.byBranch.length > 1) {
    lines.push(
      text.byBranch(
        tallyList(
          text,
          summary.byBranch.map(({ key, alerts }) => [key.name, alerts]),
        ),
      ),
    );
  }
  if (scope === 'owned') {
    lines.push(
      text.byIndicator(
        tallyList(
          text,
          summary.byIndicator.map(({ key, alerts }) => [key.name, alerts]),
        ),
      ),
    );
  }
  if (summary.worst.length > 0) {
    lines.push(text.worst);
    summary.worst.forEach(({ item, children }, index) => {
      const tail = [
        ...(item.event === 'resolved' ? [] : [text.openDays(safeDays(item.openedOn, context.today))]),
        ...(children > 0 ? [text.withChildren(children)] : []),
      ];
      lines.push(
        indent(
          `${index + 1}. ${cleanText(item.unitName)} – ${cleanText(item.indicatorName)}: ${figure(context, text, item)}` +
            (tail.length > 0 ? ` (${tail.join(', ')})` : ''),
        ),
      );
    });
  }
  lines.push(seeMore(text, scope === 'below' ? placeLink(context, recipient) : context.links.alertsLink()));
  return lines;
}

function tallyList(text: Phrasebook, tallies: readonly (readonly [string, number])[]): string {
  const shown = tallies.slice(0, ROLL_UP_BRANCHES).map(([name, alerts]) => `${cleanText(name)} ${alerts}`);
  const others = tallies.length - ROLL_UP_BRANCHES;
  return [...shown, ...(others > 0 ? [text.otherUnits(others)] : [])].join(', ');
}

/** An alert's figures in one phrase, for a roll-up line. */
function figure(context: MessageContext, text: Phrasebook, item: MessageItem): string {
  const { snapshot } = item;
  const { language } = context;
  if (item.event === 'resolved') return text.nowStatus(STATUS_LABELS[language][snapshot.status]);
  if (snapshot.value === null || snapshot.date === null) return text.neverReported;
  if (item.kind === 'stale') {
    return text.staleFor(formatDate(snapshot.date, language), safeDays(snapshot.date, context.today));
  }
  const measure = item.measure === undefined ? undefined : cleanText(item.measure);
  const latest = item.rankedValue ?? formatValue(snapshot.value, measure, language);
  return snapshot.required === null
    ? latest
    : `${latest}; ${text.required(formatValue(snapshot.required, measure, language), formatGap(snapshot.gap, measure, language))}`;
}

function itemLines(
  context: MessageContext,
  text: Phrasebook,
  recipient: MessageRecipient,
  item: MessageItem,
  number: number,
): string[] {
  const { language, today } = context;
  const { snapshot } = item;
  const unitName = cleanText(item.unitName);
  const indicatorName = cleanText(item.indicatorName);
  const measure = item.measure === undefined ? undefined : cleanText(item.measure);
  const date = (value: string) => formatDate(value, language);
  const value = (number: number | null, signed = false) => formatValue(number, measure, language, signed);
  const label = kindLabel(language, item.kind);
  const replaced = item.previousKind ? ` (${text.replaced(kindLabel(language, item.previousKind))})` : '';
  const lines = [`${number}. [${text.title(item.event, item.audience)} – ${label}]${replaced}`];
  if (item.source) {
    const { source } = item;
    const error = source.error === undefined ? undefined : cleanText(source.error);
    const since = snapshot.date === null ? '' : date(snapshot.date);
    const detail = [text.sourceDown(cleanText(source.source), since, source.units, error)];
    detail.push(item.event === 'resolved' ? text.thanks : text.askSource);
    return [...lines, ...detail.map((line) => indent(line))];
  }
  const detail: string[] = [`${unitName} – ${indicatorName}`];
  if (item.event === 'resolved') detail.push(text.nowStatus(STATUS_LABELS[language][snapshot.status]));
  if (snapshot.value === null || snapshot.date === null) {
    detail.push(asksForData(item.kind) && item.event !== 'resolved' ? text.neverReported : text.noReport);
  } else detail.push(text.latest(item.rankedValue ?? value(snapshot.value), date(snapshot.date)));
  if (item.kind === 'stale' && item.event !== 'resolved' && snapshot.date && isCalendarDate(snapshot.date)) {
    detail.push(text.staleFor(date(snapshot.date), safeDays(snapshot.date, today)));
  }
  if (snapshot.required !== null)
    detail.push(text.required(value(snapshot.required), formatGap(snapshot.gap, measure, language)));
  if (snapshot.value !== null) {
    const observed =
      snapshot.observedPace === null
        ? text.paceUnknown
        : formatPace(snapshot.observedPace, measure, language);
    const required =
      snapshot.requiredPace === null
        ? text.noMoreMilestone
        : formatPace(snapshot.requiredPace, measure, language);
    detail.push(text.pace(observed, required));
  }
  if (snapshot.milestones.length > 0) {
    detail.push(text.milestones(milestoneList(text, language, snapshot.milestones, value)));
  }
  if (item.event !== 'resolved') {
    detail.push(text.openSince(date(item.openedOn), safeDays(item.openedOn, today)));
  }
  detail.push(...askLines(context, text, recipient, item));
  const informed = informedNames(text, item.informed);
  if (informed) detail.push(text.informed(informed));
  return [...lines, ...detail.map((line) => indent(line))];
}

function askLines(
  context: MessageContext,
  text: Phrasebook,
  recipient: MessageRecipient,
  item: MessageItem,
): string[] {
  if (item.event === 'resolved') return [text.thanks];
  const link = alertLinkOf(context, item, recipient.address);
  return [
    asksForData(item.kind) ? text.itemAskReport : text.itemAskPlan,
    link === undefined ? text.replyToAcknowledge : text.acknowledgeAt(link),
  ];
}

function milestoneList(
  text: Phrasebook,
  language: Language,
  milestones: readonly MilestoneVerdict[],
  value: (number: number | null) => string,
): string {
  const years = milestones.map((milestone) => milestone.date.slice(0, 4));
  return milestones
    .map((milestone, index) => {
      const year = years[index] ?? milestone.date;
      const sharedYear = years.filter((other) => other === year).length > 1;
      const label = text.milestoneLabel(sharedYear ? formatDate(milestone.date, language) : year);
      const verdict = VERDICT_LABELS[language][milestone.verdict];
      let detail = '';
      if ('value' in milestone && milestone.value !== null) {
        detail = text.reached(value(milestone.value), value(milestone.target));
      } else if ('projected' in milestone && milestone.projected !== null) {
        detail = text.projected(value(milestone.projected));
      }
      return text.milestone(label, verdict, detail);
    })
    .join('; ');
}

function informedNames(text: Phrasebook, parties: readonly InformedParty[]): string {
  return parties
    .map((party) => {
      const name = party.name ? cleanText(party.name) : '';
      const unitName = party.unitName ? cleanText(party.unitName) : '';
      if (party.role === 'steering') return name || text.steering;
      if (party.role === 'operator') return name;
      const role =
        party.role === 'head'
          ? text.headOf(unitName)
          : party.role === 'owner'
            ? text.ownerOf(unitName)
            : text.dataContactOf(unitName);
      return name ? (unitName && !name.includes(unitName) ? `${name} (${unitName})` : name) : role;
    })
    .filter(Boolean)
    .join(', ');
}

function indent(line: string): string {
  return line
    .split('\n')
    .map((part) => `   ${part}`)
    .join('\n');
}

function safeDays(from: string, to: string): number {
  return isCalendarDate(from) && isCalendarDate(to) ? days(from, to) : 0;
}

/** Cuts on a code point boundary and marks the cut with "…". */
export function truncate(text: string, maxLength: number): string {
  const characters = Array.from(text);
  if (characters.length <= maxLength) return text;
  return `${characters
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}…`;
}
