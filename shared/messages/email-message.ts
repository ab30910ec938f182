import { asksForData } from '../alerts/alert-kind.ts';
import { days, isCalendarDate } from '../domain/calendar-date.ts';
import type { MilestoneVerdict } from '../domain/series-status.ts';
import { formatGap, formatValue } from '../style/numbers.ts';
import { ALERT_KIND_LABELS, type Language, STATUS_LABELS, VERDICT_LABELS } from './labels.ts';
import { countEvents, type InformedParty, type MessageContext, type MessageItem } from './message-item.ts';
import { PHRASEBOOKS, type Phrasebook } from './message-text.ts';
import { cleanText, shellArgument } from './plain-text.ts';

export interface RenderedEmail {
  readonly subject: string;
  readonly body: string;
}

/** E-mail subjects must be one line of fewer than 100 characters (SNS rejects longer ones). */
export const MAX_SUBJECT_LENGTH = 99;

/** One plain-text e-mail listing every item for one recipient, in the order given. */
export function renderEmail(context: MessageContext, items: readonly MessageItem[]): RenderedEmail {
  const text = PHRASEBOOKS[context.language];
  const subject = truncate(
    cleanText(`${text.subjectPrefix} ${cleanText(context.programmeId)}: ${text.summary(countEvents(items))}`),
    MAX_SUBJECT_LENGTH,
  );
  const recipientName = context.recipientName ? cleanText(context.recipientName) : undefined;
  const lines = [
    text.greeting(recipientName || undefined),
    '',
    text.intro(cleanText(context.programmeName), context.today, items.length),
    '',
  ];
  items.forEach((item, index) => {
    lines.push(...itemLines(context, text, item, index + 1), '');
  });
  lines.push(text.footer);
  return { subject, body: lines.join('\n') };
}

function itemLines(context: MessageContext, text: Phrasebook, item: MessageItem, number: number): string[] {
  const { language, today } = context;
  const { snapshot } = item;
  const unitName = cleanText(item.unitName);
  const indicatorName = cleanText(item.indicatorName);
  const measure = item.measure;
  const value = (number: number | null, signed = false) =>
    formatValue(number, measure === undefined ? undefined : cleanText(measure), language, signed);
  const kindLabel = ALERT_KIND_LABELS[language][item.kind];
  const replaced = item.previousKind
    ? ` (${text.replaced(ALERT_KIND_LABELS[language][item.previousKind])})`
    : '';
  const lines = [`${number}. [${text.title(item.event, item.audience)} – ${kindLabel}]${replaced}`];
  if (item.source) {
    const { source } = item;
    const error = source.error === undefined ? undefined : cleanText(source.error);
    const detail = [text.sourceDown(cleanText(source.source), snapshot.date ?? '', source.units, error)];
    detail.push(item.event === 'resolved' ? text.noAction : text.askSource);
    return [...lines, ...detail.map((line) => indent(line))];
  }
  const detail: string[] = [`${unitName} – ${indicatorName}`];
  if (item.event === 'resolved') detail.push(text.nowStatus(STATUS_LABELS[language][snapshot.status]));
  if (snapshot.value === null || snapshot.date === null) {
    detail.push(asksForData(item.kind) && item.event !== 'resolved' ? text.neverReported : text.noReport);
  } else detail.push(text.latest(item.rankedValue ?? value(snapshot.value), snapshot.date));
  if (item.kind === 'stale' && item.event !== 'resolved' && snapshot.date && isCalendarDate(snapshot.date)) {
    detail.push(text.staleFor(snapshot.date, safeDays(snapshot.date, today)));
  }
  if (snapshot.required !== null)
    detail.push(text.required(value(snapshot.required), formatGap(snapshot.gap, measure, language)));
  if (snapshot.value !== null) {
    const observed =
      snapshot.observedPace === null
        ? text.paceUnknown
        : text.perThirtyDays(value(snapshot.observedPace, true));
    const required =
      snapshot.requiredPace === null
        ? text.noMoreMilestone
        : text.perThirtyDays(value(snapshot.requiredPace, true));
    detail.push(text.pace(observed, required));
  }
  if (snapshot.milestones.length > 0) {
    detail.push(text.milestones(milestoneList(text, language, snapshot.milestones, value)));
  }
  if (item.event !== 'resolved') detail.push(text.openSince(item.openedOn, safeDays(item.openedOn, today)));
  detail.push(...askLines(context, text, item, unitName));
  const informed = informedNames(text, item.informed);
  if (informed) detail.push(text.informed(informed));
  return [...lines, ...detail.map((line) => indent(line))];
}

function askLines(context: MessageContext, text: Phrasebook, item: MessageItem, unitName: string): string[] {
  if (item.event === 'resolved') return [text.noAction];
  if (item.audience === 'escalation')
    return [text.askDirect(unitName, safeDays(item.openedOn, context.today))];
  const command = [
    'dtwatch ack',
    `--catalog ${shellArgument(context.catalogPath)}`,
    `--unit ${shellArgument(item.unitId)}`,
    `--indicator ${shellArgument(item.indicatorId)}`,
    `--until ${context.ackUntil}`,
    `--note ${shellArgument(text.notePlaceholder)}`,
  ].join(' ');
  return [asksForData(item.kind) ? text.askReport : text.askPlan, `  ${command}`, text.askCommand];
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
      const label = text.milestoneLabel(sharedYear ? milestone.date : year);
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
      const role = party.role === 'head' ? text.headOf(unitName) : text.dataContactOf(unitName);
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
