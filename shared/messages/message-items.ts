import { type RecipientRef, recipientKey } from '../alerts/alert-notice.ts';
import type { NoticeInState } from '../alerts/delivery-plan.ts';
import {
  ancestorsOf,
  contactOf,
  escalationRecipients,
  responsibleRecipient,
  unitOfRecipient,
} from '../alerts/recipients.ts';
import type { RankRules } from '../catalog/catalog-schema.ts';
import type { Programme } from '../catalog/programme.ts';
import type { Language } from './labels.ts';
import type { InformedParty, MessageItem, NamedUnit } from './message-item.ts';
import { rankedValueText } from './rank-text.ts';

/** Resolves the names a message shows for each notice it carries to `recipient`. */
export function messageItemsOf(
  programme: Programme,
  notices: readonly NoticeInState[],
  recipient: RecipientRef,
  language: Language,
): MessageItem[] {
  const recipientUnit = recipient.role === 'owner' ? undefined : unitOfRecipient(programme, recipient);
  return notices.map(({ unit, indicator, notice }) => {
    const indicatorDefinition = programme.indicators.get(indicator);
    const others: RecipientRef[] = [];
    if (notice.audience !== 'responsible') others.push(responsibleRecipient(programme, unit, notice.kind));
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
    const ancestors = ancestorsOf(programme, unit);
    const indicatorName = indicatorDefinition?.name ?? indicator;
    return {
      event: notice.event,
      kind: notice.kind,
      audience: notice.audience,
      level: notice.level,
      unitId: unit,
      unitName: unitName(programme, unit),
      ancestors,
      branch: branchOf(programme, [unit, ...ancestors], recipientUnit),
      indicatorId: indicator,
      indicatorName,
      indicatorShortName: indicatorDefinition?.shortName ?? indicatorName,
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

/**
 * The unit right under `above` on `chain` (a unit, then its ancestors); with `above` not on it
 * (the committee, an owner), the unit right under the top of the chain.
 */
function branchOf(programme: Programme, chain: readonly string[], above: string | undefined): NamedUnit {
  const at = above === undefined ? -1 : chain.indexOf(above);
  const id = (at > 0 ? chain[at - 1] : chain[Math.max(0, chain.length - 2)]) ?? chain[0] ?? '';
  return { id, name: unitName(programme, id) };
}

function unitName(programme: Programme, unit: string): string {
  return programme.units.get(unit)?.name ?? unit;
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
  const unit = unitOfRecipient(programme, ref);
  const unitName = unit === undefined ? undefined : (programme.units.get(unit)?.name ?? unit);
  return {
    role: ref.role,
    ...(unitName !== undefined && { unitName }),
    ...(name !== undefined && { name }),
  };
}
