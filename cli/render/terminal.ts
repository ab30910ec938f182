import type { SeriesStatus } from '../../shared/domain/series-status.ts';
import { printable } from '../../shared/errors.ts';

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colourEnabled(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, grey: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

export function paint(text: string, colour: Colour, enabled: boolean): string {
  return enabled ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

export const STATUS_COLOURS: Record<SeriesStatus, Colour> = {
  achieved: 'green',
  on_track: 'cyan',
  at_risk: 'yellow',
  behind: 'red',
  stale: 'magenta',
  no_data: 'grey',
};

/** Display width, counting combining marks as zero (Vietnamese text may arrive decomposed). */
export function displayWidth(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  return [...text.replace(/\u001b\[[0-9;]*m/g, '').normalize('NFC')].filter((char) => !/\p{M}/u.test(char))
    .length;
}

export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

export function truncate(text: string, width: number): string {
  const chars = [...text.normalize('NFC')];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** Cuts the start instead of the end, for text whose end matters (`…/communes.csv: line 1234`). */
export function truncateStart(text: string, width: number): string {
  const chars = [...text.normalize('NFC')];
  return chars.length <= width ? text : `…${chars.slice(chars.length - Math.max(0, width - 1)).join('')}`;
}

/** Renders rows as aligned columns; numbers right-aligned. */
export function renderColumns(
  header: readonly string[],
  rawRows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number>,
): string {
  const rows = rawRows.map((row) => row.map(printableCell));
  const widths = header.map((title, column) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, rightAligned.has(column) ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * Cells may quote received data (S3 keys in run errors, ids): the colour codes paint() writes
 * stay, any other control character is spelled out so data cannot drive the terminal.
 */
function printableCell(cell: string): string {
  return (
    cell
      // biome-ignore lint/suspicious/noControlCharactersInRegex: splits on paint()'s own codes
      .split(/(\u001b\[(?:0|1|3[1-6]|90)m)/)
      .map((part, index) => (index % 2 === 1 ? part : printable(part)))
      .join('')
  );
}

const SPARK_CHARS = '▁▂▃▄▅▆▇█';

/** A one-line chart of values, scaled between min and max (or the values' own range). */
export function sparkline(values: readonly number[], min?: number, max?: number): string {
  if (values.length === 0) return '';
  const low = min ?? Math.min(...values);
  const high = max ?? Math.max(...values);
  const span = high - low || 1;
  return values
    .map((value) => SPARK_CHARS[Math.min(7, Math.max(0, Math.round(((value - low) / span) * 7)))])
    .join('');
}
