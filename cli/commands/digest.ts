import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createLocalReportPublisher } from '../../shared/adapters/local-report-publisher.ts';
import { openStore } from '../../shared/adapters/open-store.ts';
import { createOutboxNotifier } from '../../shared/adapters/outbox-notifier.ts';
import { formatIsoWeek, parseIsoWeek } from '../../shared/digest/iso-week.ts';
import { lastCompletedWeek, weekWindow } from '../../shared/digest/week-window.ts';
import { UsageError } from '../../shared/errors.ts';
import { type Clock, fixedClock, systemClock } from '../../shared/ports/clock.ts';
import type { Language } from '../../shared/style/language.ts';
import { formatDecimal } from '../../shared/style/numbers.ts';
import {
  DigestWeekNotOverError,
  type PublishDigestResult,
  publishDigest,
} from '../../shared/use-cases/publish-digest.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import { loadProgrammeFile } from '../files.ts';

const HELP = `Usage: dtwatch digest --catalog <file> [--week 2026-W47] [--out <dir>] [--lang vi|en] [--now ISO-8601] [--data-dir <dir>]

Builds the steering committee's weekly digest from the store: counts per status and their change,
the league table of units with movers, the week's alerts and acknowledgements, milestone verdicts,
data health and the province-wide trajectories. Writes digest.txt (the e-mail), digest.html (the
report, self-contained), league.csv and scorecard.csv, and sends the text to the committee through the outbox.
A week already digested is written again but not sent again.

Options:
  --catalog <file>   programme catalog (JSON)
  --week <week>      ISO week, e.g. 2026-W47 (default: the last week that has ended in the
                     programme's time zone); a week that has not ended is refused
  --out <dir>        where to write the files (default <data-dir>/digest/<programme>/<week>/)
  --lang vi|en       language of the digest (default: the catalog's alert language, vi)
  --now <instant>    the clock, e.g. 2026-11-23T08:00:00+07:00 (default: now)
  --data-dir <dir>   embedded store and outbox folder (default .dtwatch/, or DTWATCH_DATA_DIR)

Exit codes: 0 ok, 1 invalid catalog, 2 usage error (also: the week has not ended), 3 the e-mail
could not be sent to every address (nothing recorded; run again to send the rest).`;

export const digestCommand: Command = {
  name: 'digest',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      week: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      now: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const language = oneOf(optionalString(parsed, 'lang'), ['vi', 'en'], 'lang');
    const weekOption = optionalString(parsed, 'week');
    const requestedWeek = weekOption === undefined ? undefined : parseIsoWeek(weekOption);
    if (weekOption !== undefined && !requestedWeek) {
      throw new UsageError(`--week must be an ISO week such as 2026-W47 (got "${weekOption}")`);
    }
    const clock = clockOf(optionalString(parsed, 'now'));
    const dataDir = resolve(optionalString(parsed, 'data-dir') || process.env.DTWATCH_DATA_DIR || '.dtwatch');

    const programme = await loadProgrammeFile(catalogFile);
    const week = requestedWeek ?? lastCompletedWeek(clock.now(), programme.timezone);
    // One folder per programme and week: two programmes' digests of one week never overwrite.
    const out = resolve(
      optionalString(parsed, 'out') ?? join(dataDir, 'digest', programme.id, formatIsoWeek(week)),
    );
    const window = weekWindow(week, programme.timezone);
    if (clock.now().getTime() < Date.parse(window.end)) {
      throw new UsageError(`week ${formatIsoWeek(week)} has not ended yet (it ends ${window.end})`);
    }
    const notifier = createOutboxNotifier({ dataDir, report: (line) => process.stderr.write(`${line}\n`) });
    const opened = await openStore({ dataDir });
    try {
      const result = await publishDigest(programme, week, {
        store: opened.store,
        finalRecords: opened.finalRecords,
        audit: opened.auditTrail,
        directory: opened.directory,
        notifier,
        clock,
        reportPublisher: createLocalReportPublisher(out),
        reportKey: 'digest.html',
        ...(language !== undefined && { language }),
      });
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'digest.txt'), result.text, 'utf8');
      await writeFile(join(out, 'digest.html'), result.html, 'utf8');
      await writeFile(join(out, 'league.csv'), result.csv, 'utf8');
      await writeFile(join(out, 'scorecard.csv'), result.scorecardCsv, 'utf8');
      writeOut(summary(result, out, language ?? programme.catalog.programme.alerts.language));
    } catch (error) {
      if (error instanceof DigestWeekNotOverError) throw new UsageError(error.message, { cause: error });
      throw error;
    } finally {
      await opened.close();
    }
    return 0;
  },
};

/** What was written and sent, in the digest's language (the catalog's alert language unless --lang). */
function summary(result: PublishDigestResult, out: string, language: Language): string {
  const vi = language === 'vi';
  const n = (count: number) => formatDecimal(count, 0, language);
  let sent: string;
  if (result.outcome === 'already-published') {
    sent = vi ? 'đã lập từ trước: không gửi lại' : 'already digested: nothing sent again';
  } else if (vi) {
    sent =
      `đã gửi cho ${n(result.sent)}/${n(result.recipients)} địa chỉ Ban Chỉ đạo qua hộp thư đi` +
      (result.alreadySent > 0 ? ` (${n(result.alreadySent)} đã gửi trước đó)` : '');
  } else {
    sent =
      `sent to ${n(result.sent)} of ${n(result.recipients)} committee address(es) through the outbox` +
      (result.alreadySent > 0 ? ` (${n(result.alreadySent)} sent before)` : '');
  }
  const size = `${n(Math.round(Buffer.byteLength(result.html) / 1024))} KiB`;
  return [
    `${vi ? 'bản tin tuần' : 'digest'} ${result.programme} ${result.week}: ${sent}`,
    `  ${join(out, 'digest.txt')}`,
    `  ${join(out, 'digest.html')} (${size})`,
    `  ${join(out, 'league.csv')}`,
    `  ${join(out, 'scorecard.csv')}`,
  ].join('\n');
}

function clockOf(now: string | undefined): Clock {
  if (now === undefined) return systemClock;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(now) || Number.isNaN(Date.parse(now))) {
    throw new UsageError(
      `--now must be an ISO-8601 instant such as 2026-11-23T08:00:00+07:00 (got "${now}")`,
    );
  }
  return fixedClock(now);
}
