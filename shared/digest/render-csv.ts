import type { Language } from '../messages/labels.ts';
import { SCORECARD_WORDS } from '../messages/scorecard-text.ts';
import type { Digest } from './digest.ts';
import { DIGEST_LABELS, levelLabel } from './digest-labels.ts';

type Cell = string | number | null;

/**
 * The league table as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so that spreadsheet
 * programs read Vietnamese correctly). Shares are fractions 0…1 and stay numbers; text cells that
 * a spreadsheet would run as a formula are neutralised.
 */
export function renderLeagueCsv(digest: Digest, language: Language): string {
  const labels = DIGEST_LABELS[language];
  const status = labels.status;
  const header: Cell[] = [
    labels.level,
    labels.rank,
    labels.unitId,
    labels.unit,
    labels.score,
    labels.previousScore,
    labels.change,
    labels.series,
    status.achieved,
    status.on_track,
    status.at_risk,
    status.behind,
    status.stale,
    status.no_data,
    labels.shortfall,
  ];
  const rows: Cell[][] = digest.league.flatMap((level) =>
    level.rows.map((row) => [
      levelLabel(labels, row.level),
      row.rank,
      row.unit,
      row.unitName,
      round(row.score),
      row.previousScore === null ? null : round(row.previousScore),
      row.change === null ? null : round(row.change),
      row.series,
      row.counts.achieved,
      row.counts.on_track,
      row.counts.at_risk,
      row.counts.behind,
      row.counts.stale,
      row.counts.no_data,
      round(row.shortfall),
    ]),
  );
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The scorecard as CSV: one row per target, the figure as a number, the verdict in words. */
export function renderScorecardCsv(digest: Digest, language: Language): string {
  const labels = DIGEST_LABELS[language];
  const words = SCORECARD_WORDS[language];
  const header: Cell[] = [
    labels.milestoneDate,
    labels.indicator,
    labels.level,
    labels.target,
    ...words.csvColumns,
  ];
  const rows: Cell[][] = digest.scorecard.targets.map((target) => [
    target.date,
    target.indicator,
    levelLabel(labels, target.level),
    target.target,
    target.figure === null ? null : round(target.figure),
    target.method === null ? null : words.methods[target.method],
    target.reporting,
    target.units,
    target.counts.met,
    target.counts.onTrack,
    target.counts.behind,
    target.counts.notReporting,
    target.counts.pending,
    words.verdicts[target.verdict],
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * One CSV field. Numbers are written as numbers (a negative change stays `-0.05`); a text cell
 * starting with `=`, `+`, `-`, `@`, tab or carriage return (also after leading spaces) gets a leading apostrophe so no
 * spreadsheet evaluates it (OWASP CSV injection).
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^(?:[=+\-@\t\r]|\s+[=+\-@])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
