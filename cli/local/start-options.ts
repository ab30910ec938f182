import { resolve } from 'node:path';
import { addDays, dateInZone, minuteOfDayInZone } from '../../shared/domain/calendar-date.ts';

/** The local data folder of the normal run. */
export const DEFAULT_DATA_DIR = '.dtwatch';

/**
 * Where `npm start` keeps its data, as an absolute path. A run `--as-of` another day goes to a
 * folder of its own (`.dtwatch-as-of-<date>`) unless one is named: in the normal folder it would
 * re-open and resolve the alerts of the real run. `realRun` is then the folder left untouched, for
 * the line that tells the person at the terminal.
 */
export function localDataDir(input: {
  readonly option?: string;
  readonly env?: string;
  readonly asOf?: string;
}): { readonly dir: string; readonly realRun?: string } {
  const named = input.option || input.env;
  if (named) return { dir: resolve(named) };
  if (input.asOf === undefined) return { dir: resolve(DEFAULT_DATA_DIR) };
  return { dir: resolve(`${DEFAULT_DATA_DIR}-as-of-${input.asOf}`), realRun: resolve(DEFAULT_DATA_DIR) };
}

/**
 * Whether the JSON log records are silenced: on a terminal the dashboard is the output, so they
 * stay out of it unless LOG_LEVEL asks for them; piped or in a file (scripts, CI) they are kept.
 */
export function quietLogs(input: {
  readonly terminal: boolean;
  readonly logLevel: string | undefined;
}): boolean {
  return input.terminal && input.logLevel === undefined;
}

/**
 * What `--reset` does: delete at once with `--yes`, ask on a terminal, and without a terminal
 * refuse with the way out (nobody can answer the question there).
 */
export function resetAction(input: {
  readonly reset: boolean;
  readonly yes: boolean;
  readonly interactive: boolean;
}): 'none' | 'delete' | 'ask' | 'refuse' {
  if (!input.reset) return 'none';
  if (input.yes) return 'delete';
  return input.interactive ? 'ask' : 'refuse';
}

/**
 * When held SMS may go: the end of the quiet hours that `now` falls in, on the programme's wall
 * clock, as `YYYY-MM-DD` and `HH:MM` (the next day when the window wraps past midnight).
 */
export function quietHoursEnd(
  now: Date,
  timeZone: string,
  quietHours: { readonly start: string; readonly end: string },
): { readonly date: string; readonly time: string } {
  const today = dateInZone(now, timeZone);
  const minute = minuteOfDayInZone(now, timeZone);
  const [hours = '0', minutes = '0'] = quietHours.end.split(':');
  const endMinute = Number(hours) * 60 + Number(minutes);
  return { date: minute < endMinute ? today : addDays(today, 1), time: quietHours.end };
}
