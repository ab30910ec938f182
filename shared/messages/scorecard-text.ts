import type { Scorecard, ScorecardTarget, ScorecardYear, TargetVerdict } from '../domain/scorecard.ts';
import { formatDate } from '../style/dates.ts';
import { formatValue } from '../style/numbers.ts';
import type { Language } from './labels.ts';

/** The scorecard in people's words, Vietnamese first: the headline per year, then each target. */
export interface ScorecardWords {
  readonly title: (asOf: string) => string;
  readonly year: (entry: ScorecardYear) => string;
  readonly verdicts: Readonly<Record<TargetVerdict, string>>;
  readonly counts: (target: ScorecardTarget) => string;
  readonly figure: (target: ScorecardTarget, value: string) => string;
  readonly noFigure: string;
  readonly none: string;
  readonly methods: Readonly<Record<'share' | 'mean', string>>;
  /** Figure, method, reporting, units, the five counts, verdict. */
  readonly csvColumns: readonly string[];
}

const VI_METHODS = { share: 'tỷ lệ chung', mean: 'trung bình' } as const;
const EN_METHODS = { share: 'pooled share', mean: 'mean' } as const;

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
    `${value} (${VI_METHODS[target.method ?? 'mean']} của ${target.reporting}/${target.units} đơn vị)`,
  noFigure: 'chưa có số liệu',
  none: 'Không có chỉ tiêu nào để tính.',
  methods: VI_METHODS,
  csvColumns: [
    'Số liệu toàn cấp',
    'Cách tính',
    'Đơn vị có số liệu',
    'Số đơn vị',
    'Đạt',
    'Đúng tiến độ',
    'Chậm',
    'Chưa báo cáo',
    'Chờ số liệu',
    'Đánh giá',
  ],
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
    `${value} (${EN_METHODS[target.method ?? 'mean']} of ${target.reporting}/${target.units} units)`,
  noFigure: 'no figure',
  none: 'No target to score.',
  methods: EN_METHODS,
  csvColumns: [
    'Level figure',
    'Method',
    'Units reporting',
    'Units',
    'Met',
    'On track',
    'Behind',
    'Not reporting',
    'Awaiting figures',
    'Verdict',
  ],
};

export const SCORECARD_WORDS: Record<Language, ScorecardWords> = { vi: VI, en: EN };

/** `≥ 60` for an increase, `≤ 20` for a decrease. */
export function targetBound(target: ScorecardTarget, language: Language): string {
  return `${target.direction === 'increase' ? '≥' : '≤'} ${formatValue(target.target, target.measure, language)}`;
}

export function figureText(target: ScorecardTarget, language: Language): string {
  const words = SCORECARD_WORDS[language];
  return target.figure === null
    ? words.noFigure
    : words.figure(target, formatValue(target.figure, target.measure, language));
}

/** Plain-text lines: the headline per milestone year, then one line per target. */
export function scorecardLines(
  scorecard: Scorecard,
  language: Language,
  levelName: (level: string) => string = (level) => level,
): string[] {
  const words = SCORECARD_WORDS[language];
  const asOf = formatDate(scorecard.asOf, language);
  if (scorecard.targets.length === 0) return [words.title(asOf), `  ${words.none}`];
  const lines = [words.title(asOf)];
  for (const year of scorecard.years) lines.push(`  ${words.year(year)}`);
  for (const target of scorecard.targets) {
    const name = target.indicatorName;
    lines.push(
      `  - ${formatDate(target.date, language)} · ${levelName(target.level)} · ${name} ${targetBound(target, language)}: ` +
        `${figureText(target, language)} → ${words.verdicts[target.verdict]}; ${words.counts(target)}`,
    );
  }
  return lines;
}
