import type { Programme } from '../shared/catalog/programme.ts';
import { isCalendarDate } from '../shared/domain/calendar-date.ts';
import type { EvaluationReport } from '../shared/domain/programme-evaluation.ts';
import { UsageError } from '../shared/errors.ts';
import type { Language } from '../shared/messages/labels.ts';
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
  const language = oneOf(optionalString(parsed, 'lang'), ['en', 'vi'], 'lang') ?? 'en';
  return { format, language, asOf: readAsOf(parsed) };
}

export function readAsOf(parsed: ParsedCommand): string | undefined {
  const asOf = optionalString(parsed, 'as-of');
  if (asOf !== undefined && !isCalendarDate(asOf)) {
    throw new UsageError(`--as-of must be a real date YYYY-MM-DD (got "${asOf}")`);
  }
  return asOf;
}

/** The contract's JSON document, or the coloured table for people. */
export function printReport(report: EvaluationReport, programme: Programme, options: ReportOptions): void {
  if (options.format === 'json') writeOut(JSON.stringify(report, null, 2));
  else writeOut(renderStatusTable(report, programme, options.language, colourEnabled(process.stdout)));
}
