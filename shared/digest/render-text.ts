import { type MilestoneVerdict, SERIES_STATUSES } from '../domain/series-status.ts';
import type { Language } from '../messages/labels.ts';
import { scorecardLines } from '../messages/scorecard-text.ts';
import { decisionLines } from './decision-text.ts';
import type { AcknowledgementItem, AlertEvent, Digest, LeagueRow, StaleSeries } from './digest.ts';
import { type DigestFormat, digestFormat, plainText } from './digest-format.ts';
import { DIGEST_LABELS, type DigestLabels, levelLabel } from './digest-labels.ts';

/** SNS caps a message at 256 KB; stay well below it, leaving room for the subject and headers. */
export const TEXT_BYTE_LIMIT = 200_000;
/** Items shown per list before "… and N more": the e-mail is a summary, the report has it all. */
export const TEXT_LIST_LIMIT = 10;
/** Target verdicts the e-mail counts instead of listing. */
const FINE_VERDICTS: ReadonlySet<string> = new Set(['met', 'achieved', 'likely']);
/** League rows shown at each end of a long level (top and bottom). */
const LEAGUE_ENDS = 5;

export interface TextOptions {
  readonly language: Language;
  /** Link to the published HTML report, when there is one. */
  readonly reportUrl?: string;
  /** The web app's address, where every unit's page is (`<base>/units/<id>`). */
  readonly webBaseUrl?: string;
}

/** The e-mail body: plain text, one idea a line, readable in any mail client. */
export function renderDigestText(digest: Digest, options: TextOptions): string {
  const labels = DIGEST_LABELS[options.language];
  const format = digestFormat(labels, digest.programme.timezone);
  const lines: string[] = [];
  const section = (title: string) => lines.push('', `== ${title} ==`);

  lines.push(`${labels.title} — ${plainText(digest.programme.name, 200)}`);
  lines.push(
    labels.weekOf(digest.week, format.date(digest.window.monday), format.date(digest.window.sunday)),
  );
  if (options.reportUrl) lines.push(`${labels.reportLink}: ${plainText(options.reportUrl, 4000)}`);

  // The first screen of the e-mail: the scorecard, then what the committee must decide.
  // The e-mail lists the targets that need attention; those met or on course are counted (the
  // report lists them all).
  const concerning = digest.scorecard.targets.filter((target) => !FINE_VERDICTS.has(target.verdict));
  const [scoreTitle = '', ...scoreLines] = scorecardLines(
    { ...digest.scorecard, targets: concerning },
    options.language,
    (level) => plainText(levelLabel(labels, level)),
  );
  section(scoreTitle);
  lines.push(...[...new Set(scoreLines)].map((line) => plainText(line, 400)));
  const fine = digest.scorecard.targets.length - concerning.length;
  if (fine > 0) lines.push(`  ${labels.targetsFine(fine)}`);

  section(labels.decisions);
  if (digest.decisions.length === 0) lines.push(`  ${labels.noDecisions}`);
  digest.decisions.forEach((decision, index) => {
    const { title, figure, owners } = decisionLines(decision, labels, format);
    lines.push(`  ${index + 1}. ${title}`, `     ${figure}`, `     ${owners}`);
  });

  section(`${labels.headline} (${labels.totalSeries(digest.headline.totalSeries)})`);
  const width = Math.max(...digest.headline.counts.map(({ status }) => [...labels.status[status]].length));
  for (const { status, count, change } of digest.headline.counts) {
    const name = labels.status[status];
    const delta = change === null ? '' : `  (${format.signed(change)} ${labels.movement})`;
    lines.push(`  ${name}${' '.repeat(width - [...name].length)}  ${String(count).padStart(4)}${delta}`);
  }
  if (!digest.comparedWithLastWeek) lines.push(`  ${labels.noComparison}`);
  lines.push(`${labels.statusMeaning}:`);
  for (const { status } of digest.headline.counts) {
    lines.push(`  - ${labels.status[status]}: ${labels.statusDefinitions[status]}`);
  }

  section(labels.league);
  lines.push(labels.leagueNote);
  for (const level of digest.league) {
    lines.push('', `-- ${plainText(levelLabel(labels, level.level))} --`);
    const leagueLine = (row: LeagueRow) => `  ${String(row.rank).padStart(3)}. ${leagueEntry(row, format)}`;
    if (level.rows.length <= LEAGUE_ENDS * 2 + 1) {
      lines.push(...level.rows.map(leagueLine));
    } else {
      lines.push(...level.rows.slice(0, LEAGUE_ENDS).map(leagueLine));
      lines.push(`       ${labels.andMore(level.rows.length - LEAGUE_ENDS * 2)}`);
      lines.push(...level.rows.slice(-LEAGUE_ENDS).map(leagueLine));
    }
    if (options.webBaseUrl && level.rows.length > LEAGUE_ENDS * 2 + 1) {
      lines.push(
        `  ${labels.leagueRestLink}: ${plainText(options.webBaseUrl, 400).replace(/\/+$/, '')}/units`,
      );
    }
    if (digest.comparedWithLastWeek) {
      lines.push(`  ${labels.moversUp}: ${moverList(level.movers.up, labels, format)}`);
      lines.push(`  ${labels.moversDown}: ${moverList(level.movers.down, labels, format)}`);
    }
  }

  section(labels.alerts);
  const alertLine = (event: AlertEvent) =>
    `  - ${unitAndIndicator(event.unitName, event.unit, event.indicatorName)}: ${labels.alertKind[event.kind]}` +
    ` (${format.instant(event.at)}${event.escalationLevel > 0 ? `, ${labels.escalationLevel(event.escalationLevel)}` : ''}${event.muted ? `, ${labels.muted}` : ''})`;
  pushList(lines, labels.opened, digest.alerts.opened, alertLine, labels);
  pushList(lines, labels.escalated, digest.alerts.escalated, alertLine, labels);
  pushList(lines, labels.resolved, digest.alerts.resolved, alertLine, labels);
  lines.push(labels.openAtEnd(digest.alerts.openAtEnd));
  lines.push(
    `  ${digest.alerts.openByAge.map((bucket) => `${labels.ageBucket(bucket.fromDays, bucket.toDays)}: ${bucket.count}`).join('; ')}`,
  );
  const ackLine = (item: AcknowledgementItem) =>
    `  - ${unitAndIndicator(item.unitName, item.unit, item.indicatorName ?? labels.allIndicators)}: ` +
    `"${plainText(item.note)}" (${labels.due} ${format.date(item.until)}` +
    `${item.daysOverdue > 0 ? `, ${labels.daysOverdue(item.daysOverdue)}` : ''}; ${labels.by} ${plainText(item.by, 80)})`;
  pushList(lines, labels.overdueAcknowledgements, digest.alerts.overdue, ackLine, labels);
  pushList(lines, labels.acknowledgements, digest.alerts.acknowledgements, ackLine, labels);

  section(labels.milestones);
  for (const milestone of digest.milestones) {
    const verdicts = verdictOrder(milestone.past)
      .filter((verdict) => milestone.verdicts[verdict] > 0)
      .map((verdict) => `${labels.verdict[verdict]} ${milestone.verdicts[verdict]}`)
      .join(', ');
    const target =
      milestone.target === null
        ? ''
        : ` (${labels.target.toLocaleLowerCase(labels.locale)} ${format.number(milestone.target)})`;
    lines.push(
      `  - ${plainText(milestone.indicatorName, 120)} — ${plainText(levelLabel(labels, milestone.level))} — ` +
        `${format.date(milestone.date)}${target}: ${verdicts}`,
    );
  }

  pushDissolved(lines, digest, labels, format, section);

  section(labels.dataHealth);
  const seriesLine = (overdue: boolean) => (item: StaleSeries) =>
    `  - ${unitAndIndicator(item.unitName, item.unit, item.indicatorName)}` +
    (item.lastDate === null || item.daysSince === null
      ? overdue
        ? ` (${labels.neverReported})`
        : ''
      : ` (${labels.lastReport} ${format.date(item.lastDate)}, ${labels.daysSince(item.daysSince)})`);
  pushList(lines, labels.staleSeries, digest.dataHealth.stale, seriesLine(true), labels);
  pushList(lines, labels.noDataSeries, digest.dataHealth.noData, seriesLine(false), labels);
  pushList(
    lines,
    labels.failingSources,
    digest.dataHealth.failingSources,
    (source) =>
      `  - ${plainText(source.source, 120)}: ${labels.sourceOutcome[source.outcome]} (${format.instant(source.finishedAt)}` +
      `${source.rowsRejected > 0 ? `, ${labels.rowsRejected(source.rowsRejected)}` : ''})` +
      (source.error ? ` — ${plainText(source.error, 200)}` : ''),
    labels,
  );
  lines.push(labels.quarantinedRows(digest.dataHealth.quarantinedRows));
  if (options.reportUrl) lines.push('', `${labels.reportLink}: ${plainText(options.reportUrl, 4000)}`);

  return fitWithin(`${lines.join('\n')}\n`, TEXT_BYTE_LIMIT, labels);
}

/** The verdicts a past (met/missed) or future (likely/unlikely) milestone can carry, in print order. */
export function verdictOrder(past: boolean): MilestoneVerdict['verdict'][] {
  return past ? ['met', 'missed', 'unknown'] : ['likely', 'unlikely', 'unknown'];
}

function leagueEntry(row: LeagueRow, format: DigestFormat): string {
  const change = row.change === null ? '' : ` (${format.points(row.change)})`;
  return `${plainText(row.unitName, 80)} [${plainText(row.unit, 40)}]: ${format.share(row.score)} — ${row.counts.on_track + row.counts.achieved}/${row.series}${change}`;
}

function moverList(rows: readonly LeagueRow[], labels: DigestLabels, format: DigestFormat): string {
  if (rows.length === 0) return labels.noMovers;
  const shown = rows
    .slice(0, 5)
    .map((row) => `${plainText(row.unitName, 80)} ${format.points(row.change ?? 0)}`)
    .join(', ');
  return rows.length > 5 ? `${shown} ${labels.andMore(rows.length - 5)}` : shown;
}

function unitAndIndicator(unitName: string, unit: string, indicatorName: string): string {
  return `${plainText(unitName, 80)} [${plainText(unit, 40)}] — ${plainText(indicatorName, 120)}`;
}

function pushList<T>(
  lines: string[],
  title: string,
  items: readonly T[],
  line: (item: T) => string,
  labels: DigestLabels,
): void {
  lines.push(`${title} (${items.length}):${items.length === 0 ? ` ${labels.none}` : ''}`);
  lines.push(...items.slice(0, TEXT_LIST_LIMIT).map(line));
  if (items.length > TEXT_LIST_LIMIT) lines.push(`  ${labels.andMore(items.length - TEXT_LIST_LIMIT)}`);
}

/** Last resort for absurd inputs: cut at a line boundary so the message still fits SNS. */
function fitWithin(text: string, limit: number, labels: DigestLabels): string {
  if (utf8Length(text) <= limit) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = utf8Length(labels.fullReport) + 2;
  for (const line of lines) {
    const lineSize = utf8Length(line) + 1;
    if (size + lineSize > limit) break;
    kept.push(line);
    size += lineSize;
  }
  return `${kept.join('\n')}\n${labels.fullReport}\n`;
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** The dissolved units' final figures, when there are any: one line per group, then who was behind. */
function pushDissolved(
  lines: string[],
  digest: Digest,
  labels: DigestLabels,
  format: DigestFormat,
  section: (title: string) => void,
): void {
  const { groups, behind } = digest.dissolved;
  if (groups.length === 0) return;
  section(labels.dissolved);
  lines.push(labels.dissolvedNote);
  for (const group of groups) {
    const statuses = SERIES_STATUSES.filter((status) => group.statusCounts[status] > 0)
      .map((status) => `${labels.status[status]} ${group.statusCounts[status]}`)
      .join(', ');
    lines.push(
      `  - ${labels.dissolvedGroup(format.date(group.validTo), plainText(levelLabel(labels, group.level)), group.units)}: ${statuses}`,
    );
  }
  pushList(
    lines,
    labels.behindWhenDissolved,
    behind,
    (entry) => `  - ${plainText(entry.unitName)} (${entry.unit}): ${entry.indicators.join(', ')}`,
    labels,
  );
}
