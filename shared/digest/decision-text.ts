import type { Decision } from './digest.ts';
import type { DigestFormat } from './digest-format.ts';
import { plainText } from './digest-format.ts';
import { type DigestLabels, levelLabel } from './digest-labels.ts';

/** A decision in words, shared by the e-mail text and the HTML report: title, figure, owners. */
export function decisionLines(
  decision: Decision,
  labels: DigestLabels,
  format: DigestFormat,
): { title: string; figure: string; owners: string } {
  const indicator = plainText(decision.indicatorName ?? labels.allIndicators, 160);
  const level = levelLabel(labels, decision.level);
  const date = format.date(decision.date);
  const owner = plainText(decision.owners[0]?.unitName ?? '', 80);
  const title =
    decision.kind === 'target-missed'
      ? labels.decisionMissed(indicator, level, date)
      : decision.kind === 'target-unlikely'
        ? labels.decisionUnlikely(indicator, level, date)
        : labels.decisionPlanOverdue(indicator, owner, decision.daysOverdue ?? 0);
  const bound = decision.direction === 'increase' ? '≥' : '≤';
  const target =
    decision.target === null ? '?' : `${bound} ${format.value(decision.target, decision.measure)}`;
  const figure = labels.figureAgainst(format.value(decision.figure, decision.measure), target);
  const names = decision.owners.map((entry) => plainText(entry.unitName, 80)).join(', ');
  return { title, figure, owners: labels.owners(names, decision.otherOwners) };
}
