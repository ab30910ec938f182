import { type RecipientRef, recipientKey } from '../alerts/alert-notice.ts';
import type { NoticeInState } from '../alerts/delivery-plan.ts';
import { contactOf, escalationRecipients, responsibleRecipient } from '../alerts/recipients.ts';
import type { RankRules } from '../catalog/catalog-schema.ts';
import type { Programme } from '../catalog/programme.ts';
import type { Language } from './labels.ts';
import type { InformedParty, MessageItem } from './message-item.ts';
import { rankedValueText } from './rank-text.ts';

/** Resolves the names a message shows for each notice it carries to `recipient`. */
export function messageItemsOf(
  programme: Programme,
  notices: readonly NoticeInState[],
  recipient: RecipientRef,
  language: Language,
): MessageItem[] {
  return notices.map(({ unit, indicator, notice }) => {
    const indicatorDefinition = programme.indicators.get(indicator);
    const others: RecipientRef[] = [];
    if (notice.audience === 'escalation') others.push(responsibleRecipient(programme, unit, notice.kind));
    for (let level = 1; level <= notice.level; level++) {
      others.push(...escalationRecipients(programme, unit, level));
    }
    const self = recipientKey(recipient);
    const seen = new Set<string>([self]);
    const informed: InformedParty[] = [];
    for (const other of others) {
      const key = recipientKey(other);
      if (seen.has(key)) continue;
      seen.add(key);
      informed.push(informedParty(programme, other));
    }
    return {
      event: notice.event,
      kind: notice.kind,
      audience: notice.audience,
      level: notice.level,
      unitId: unit,
      unitName: programme.units.get(unit)?.name ?? unit,
      indicatorId: indicator,
      indicatorName: indicatorDefinition?.name ?? indicator,
      ...(indicatorDefinition?.unit !== undefined && { measure: indicatorDefinition.unit }),
      ...rankedValueOf(language, indicatorDefinition?.rank, notice.snapshot),
      snapshot: notice.snapshot,
      openedOn: notice.openedOn,
      raisedOn: notice.raisedOn,
      ...(notice.previousKind !== undefined && { previousKind: notice.previousKind }),
      ...(notice.source !== undefined && { source: notice.source }),
      informed,
    };
  });
}

function rankedValueOf(
  language: Language,
  rank: RankRules | undefined,
  snapshot: { value: number | null; date: string | null },
): { rankedValue?: string } {
  const rankedValue = rankedValueText(language, rank, snapshot.value, snapshot.date);
  return rankedValue === undefined ? {} : { rankedValue };
}

function informedParty(programme: Programme, ref: RecipientRef): InformedParty {
  const contact = contactOf(programme, ref);
  const name = contact?.name ?? contact?.title;
  if (ref.role === 'steering' || ref.role === 'operator') {
    return { role: ref.role, ...(name !== undefined && { name }) };
  }
  const unitName = programme.units.get(ref.unit)?.name ?? ref.unit;
  return { role: ref.role, unitName, ...(name !== undefined && { name }) };
}
