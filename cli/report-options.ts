import type { Programme } from '../shared/catalog/programme.ts';
import { DIGEST_LABELS, levelLabel } from '../shared/digest/digest-labels.ts';
import { isCalendarDate } from '../shared/domain/calendar-date.ts';
import {
  type EvaluationReport,
  evaluateProgramme,
  groupBySeries,
  type SeriesHistory,
} from '../shared/domain/programme-evaluation.ts';
import type { RatioIndex } from '../shared/domain/ratio.ts';
import { buildScorecard, ratioIndexOf, type Scorecard } from '../shared/domain/scorecard.ts';
import { UsageError } from '../shared/errors.ts';
import type { Language } from '../shared/messages/labels.ts';
import { scorecardLines } from '../shared/messages/scorecard-text.ts';
import type { Observation } from '../shared/snapshots/observation-rows.ts';
import { DEFAULT_LANGUAGE } from '../shared/style/language.ts';
import { oneOf, optionalString, type ParsedCommand } from './args.ts';
import { writeOut } from './command.ts';
import { renderStatusTable } from './render/status-table.ts';
import { colourEnabled } from './render/terminal.ts';

/** `--format`, `--lang` and `--as-of` as every command that prints an evaluation reads them. */
export interface ReportOptions {
  readonly format: 'json' | 'table';
  readonly language: Language;
  /** Undefined: today in the programme's time zone. */
  readonly asOf?: string;
}

export function readReportOptions(parsed: ParsedCommand): ReportOptions {
  const format =
    oneOf(optionalString(parsed, 'format'), ['json', 'table'], 'format') ??
    (process.stdout.isTTY ? 'table' : 'json');
  // One default for everything people read (docs/style.md): Vietnamese.
  const language = oneOf(optionalString(parsed, 'lang'), ['en', 'vi'], 'lang') ?? DEFAULT_LANGUAGE;
  return { format, language, asOf: readAsOf(parsed) };
}

export function readAsOf(parsed: ParsedCommand): string | undefined {
  const asOf = optionalString(parsed, 'as-of');
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw new UsageError(`--as-of must be a real date YYYY-MM-DD (got "${asOf}")`);
  }
  return asOf;
}

/** Evaluates the observations as of `asOf`, scores the targets, and prints both. */
export function printEvaluation(
  programme: Programme,
  observations: readonly Observation[],
  options: ReportOptions & { readonly asOf: string },
): void {
  printHistoryEvaluation(programme, groupBySeries(observations), ratioIndexOf(observations), options);
}

/** The same from observations already grouped by series (a snapshot file read for evaluation). */
export function printHistoryEvaluation(
  programme: Programme,
  history: SeriesHistory,
  ratios: RatioIndex,
  options: ReportOptions & { readonly asOf: string },
): void {
  const report = evaluateProgramme(programme, history, options.asOf);
  const scorecard = buildScorecard({
    programme,
    results: report.results,
    history,
    ratios,
    asOf: options.asOf,
  });
  printReport(report, programme, options, scorecard);
}

/**
 * The contract's JSON document with the additive `scorecard` key (docs/scorecard.md), or the
 * coloured table for people followed by the scorecard in words.
 */
export function printReport(
  report: EvaluationReport,
  programme: Programme,
  options: ReportOptions,
  scorecard: Scorecard,
): void {
  if (options.format === 'json') {
    writeOut(JSON.stringify({ ...report, scorecard }, null, 2));
    return;
  }
  const table = renderStatusTable(report, programme, options.language, colourEnabled(process.stdout));
  // Levels by their names in the reader's language ("cấp xã"), as the digest names them.
  const labels = DIGEST_LABELS[options.language];
  const lines = scorecardLines(scorecard, options.language, (level) => levelLabel(labels, level));
  writeOut(`${table}\n\n${lines.join('\n')}`);
}
