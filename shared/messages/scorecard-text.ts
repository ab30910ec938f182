import type { Programme } from '../catalog/programme.ts';
import type { Scorecard, ScorecardTarget, ScorecardYear, TargetVerdict } from '../domain/scorecard.ts';
import type { Language } from './labels.ts';
import { formatNumber } from './plain-text.ts';

/** The scorecard in people's words, Vietnamese first: the headline per year, then each target. */
export interface ScorecardWords {
  readonly title: (asOf: string) => string;
  readonly year: (entry: ScorecardYear) => string;
  readonly verdicts: Readonly<Record<TargetVerdict, string>>;
  readonly counts: (target: ScorecardTarget) => string;
  readonly figure: (target: ScorecardTarget, value: string) => string;
  readonly noFigure: string;
  readonly none: string;
}

const VI: ScorecardWords = {
  title: (asOf) => `Kết quả thực hiện chỉ tiêu (đến ngày ${asOf})`,
  year: (entry) =>
    `Năm ${entry.year}: ${entry.met}/${entry.targets} chỉ tiêu đạt` +
    (entry.pending > 0 ? ` (${entry.pending} chờ số liệu)` : ''),
  verdicts: {
    met: 'đạt',
    missed: 'không đạt',
    pending: 'chờ số liệu',
    achieved: 'đã đạt trước hạn',
    likely: 'có khả năng đạt',
    unlikely: 'khó đạt',
    unknown: 'chưa rõ',
  },
  counts: ({ counts }) =>
    `${counts.met} đạt, ${counts.onTrack} đúng tiến độ, ${counts.behind} chậm, ${counts.notReporting} chưa báo cáo` +
    (counts.pending > 0 ? `, ${counts.pending} chờ số liệu` : ''),
  figure: (target, value) =>
    `${value} (${target.method === 'share' ? 'tỷ lệ chung' : 'trung bình'} của ${target.reporting}/${target.units} đơn vị)`,
  noFigure: 'chưa có số liệu',
  none: 'Không có chỉ tiêu nào để tính.',
};

const EN: ScorecardWords = {
  title: (asOf) => `Targets met (as of ${asOf})`,
  year: (entry) =>
    `${entry.year}: ${entry.met}/${entry.targets} targets met` +
    (entry.pending > 0 ? ` (${entry.pending} awaiting figures)` : ''),
  verdicts: {
    met: 'met',
    missed: 'missed',
    pending: 'awaiting figures',
    achieved: 'already achieved',
    likely: 'likely',
    unlikely: 'unlikely',
    unknown: 'unknown',
  },
  counts: ({ counts }) =>
    `${counts.met} met, ${counts.onTrack} on track, ${counts.behind} behind, ${counts.notReporting} not reporting` +
    (counts.pending > 0 ? `, ${counts.pending} awaiting figures` : ''),
  figure: (target, value) =>
    `${value} (${target.method === 'share' ? 'pooled share' : 'mean'} of ${target.reporting}/${target.units} units)`,
  noFigure: 'no figure',
  none: 'No target to score.',
};

export const SCORECARD_WORDS: Record<Language, ScorecardWords> = { vi: VI, en: EN };

/** `≥ 60` for an increase, `≤ 20` for a decrease. */
export function targetBound(target: ScorecardTarget, language: Language): string {
  return `${target.direction === 'increase' ? '≥' : '≤'} ${formatNumber(target.target, language)}`;
}

export function figureText(target: ScorecardTarget, language: Language): string {
  const words = SCORECARD_WORDS[language];
  return target.figure === null
    ? words.noFigure
    : words.figure(target, formatNumber(target.figure, language));
}

/** Plain-text lines: the headline per milestone year, then one line per target. */
export function scorecardLines(
  scorecard: Scorecard,
  programme: Programme,
  language: Language,
  levelName: (level: string) => string = (level) => level,
): string[] {
  const words = SCORECARD_WORDS[language];
  if (scorecard.targets.length === 0) return [words.title(scorecard.asOf), `  ${words.none}`];
  const lines = [words.title(scorecard.asOf)];
  for (const year of scorecard.years) lines.push(`  ${words.year(year)}`);
  for (const target of scorecard.targets) {
    const name = programme.indicators.get(target.indicator)?.name ?? target.indicator;
    lines.push(
      `  - ${target.date} · ${levelName(target.level)} · ${name} ${targetBound(target, language)}: ` +
        `${figureText(target, language)} → ${words.verdicts[target.verdict]}; ${words.counts(target)}`,
    );
  }
  return lines;
}
