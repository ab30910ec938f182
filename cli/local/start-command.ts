import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { openStore } from '../../shared/adapters/open-store.ts';
import { UsageError } from '../../shared/errors.ts';
import { logger } from '../../shared/logger.ts';
import { type Clock, fixedClock, systemClock } from '../../shared/ports/clock.ts';
import { formatDate } from '../../shared/style/dates.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/style/language.ts';
import { formatDecimal } from '../../shared/style/numbers.ts';
import { localSigningKey } from '../../shared/web/signing-key.ts';
import { LOCAL_BASE_URL, signInLink } from '../../shared/web/web-links.ts';
import { oneOf, optionalString, parseCommand } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { cycleNotes } from '../render/cycle-notes.ts';
import { renderDashboard } from '../render/dashboard.ts';
import { START_TEXT, stepLine } from '../render/start-text.ts';
import { colourEnabled } from '../render/terminal.ts';
import { readAsOf } from '../report-options.ts';
import { resetDataDir, runMonitoringCycle, type SentMessage } from './monitoring-cycle.ts';
import { runNationalSampleCommand } from './national-sample-command.ts';
import { provincesOption } from './national-sample-programmes.ts';
import { sampleCatalog } from './sample-catalog.ts';
import { sampleCommitteeAddress } from './sample-committee.ts';
import { localDataDir, quietHoursEnd, quietLogs, resetAction } from './start-options.ts';

const PROGRAMMES: Record<string, string> = {
  'ha-tinh-nq05': 'catalog/ha-tinh-nq05.json',
  'nghe-an': 'catalog/nghe-an.json',
};

const HELP = `Usage: npm start -- [--programme ha-tinh-nq05|nghe-an] [--as-of YYYY-MM-DD] [--lang vi|en]
                    [--data-dir D] [--reset [--yes]]
       npm start -- --national-sample [--provinces 42,40] [--as-of YYYY-MM-DD] [--data-dir D]

Runs one full monitoring cycle on the embedded default (no AWS account, no network): a loopback
sample source serves SAMPLE DATA (monthly snapshots since Nov 2021, generated deterministically),
dtwatch pulls it through the real ingest path into the embedded store (.dtwatch/), evaluates,
publishes the sample catalog and imports the sample directory of people on the first run (the
catalog store and the directory, as in AWS), alerts them through the outbox (.dtwatch/outbox/) and renders the weekly digest
(.dtwatch/digest/). Running it again the same day adds nothing and sends nothing new.

Options:
  --programme <id>   ha-tinh-nq05 (default) or nghe-an
  --as-of <date>     run as if today were this date
  --lang vi|en       language of the dashboard (default vi, as all people-facing output)
  --data-dir <dir>   local data folder (default .dtwatch/, or DTWATCH_DATA_DIR; a run --as-of
                     another day uses .dtwatch-as-of-<date>/ so the real run stays untouched)
  --reset            delete the local data folder first (asks on a terminal; without one,
                     --yes is required)
  --national-sample  run the 34 provincial SAMPLE programmes instead (one template catalog per
                     province, every commune of the national list, targets marked SAMPLE), as the
                     deployed daily run fans out over programmes; prints one line per programme
  --provinces <list> with --national-sample: only these province codes (e.g. 42,40)`;

export const startCommand: Command = {
  name: 'start',
  invocation: 'npm start --',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      programme: { type: 'string' },
      'as-of': { type: 'string' },
      lang: { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      'national-sample': { type: 'boolean' },
      provinces: { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const programmeId = optionalString(parsed, 'programme') ?? 'ha-tinh-nq05';
    const catalogPath = PROGRAMMES[programmeId];
    if (!catalogPath)
      throw new UsageError(`--programme must be one of ${Object.keys(PROGRAMMES).join(', ')}`);
    const language = oneOf(optionalString(parsed, 'lang'), ['en', 'vi'], 'lang') ?? DEFAULT_LANGUAGE;
    const asOf = readAsOf(parsed);
    const text = START_TEXT[language];
    const { dir: dataDir, realRun } = localDataDir({
      option: optionalString(parsed, 'data-dir'),
      env: process.env.DTWATCH_DATA_DIR,
      asOf,
    });
    if (asOf !== undefined && realRun !== undefined) writeErr(text.ownFolder(asOf, dataDir, realRun));

    const reset = resetAction({
      reset: parsed.values.reset === true,
      yes: parsed.values.yes === true,
      interactive: process.stdin.isTTY === true,
    });
    if (reset === 'refuse') throw new UsageError(text.resetNeedsYes(dataDir));
    if (reset === 'ask' && !(await confirm(text.confirmDelete(dataDir), language))) {
      writeErr(text.nothingDeleted);
      return 0;
    }
    if (reset !== 'none') {
      await resetDataDir(dataDir);
      writeErr(text.deleted(dataDir));
    }
    if (quietLogs({ terminal: process.stderr.isTTY === true, logLevel: process.env.LOG_LEVEL })) {
      logger.setLogLevel('SILENT');
    }

    // An as-of run happens at 05:00 UTC (noon in Viet Nam): well clear of the SMS quiet hours.
    const clock: Clock = asOf ? fixedClock(`${asOf}T05:00:00Z`) : systemClock;
    if (parsed.values['national-sample'] === true) {
      return runNationalSampleCommand(
        dataDir,
        clock,
        provincesOption(optionalString(parsed, 'provinces')),
        language,
      );
    }
    if (parsed.values.provinces !== undefined) throw new UsageError('--provinces needs --national-sample');
    const sample = await sampleCatalog(catalogPath, dataDir, clock);
    const { programme } = sample;
    if (sample.published) writeErr(text.published(catalogPath, sample.published, join(dataDir, 'catalogs')));
    if (sample.differs) {
      const publish = `npm run dtwatch -- catalog publish ${catalogPath} --data-dir ${dataDir}`;
      writeErr(text.differs(catalogPath, sample.differs.fileVersion, sample.differs.current, publish));
    }
    const started = Date.now();
    const sent: SentMessage[] = [];
    const colour = colourEnabled(process.stdout);
    let step = 0;
    const outcome = await runMonitoringCycle({
      programme,
      catalogPath,
      dataDir,
      directoryFile: `samples/${programme.id}.people.csv`,
      clock,
      // Alert e-mails link to the alert pages `dtwatch serve` shows.
      webBaseUrl: process.env.DTWATCH_WEB_BASE_URL ?? LOCAL_BASE_URL,
      progress: (cycleStep) => writeErr(stepLine(cycleStep, ++step, language)),
      onMessage: (message) => sent.push(message),
    });

    const digestLocation =
      outcome.digest.report?.location ??
      (await storedDigestLocation(dataDir, programme.id, outcome.digest.week));
    const stored = outcome.ingest.sources.reduce((sum, source) => sum + source.stored + source.revised, 0);
    const rejected = outcome.ingest.totals.rowsRejected;
    const count = (kind: SentMessage['kind'], channel: SentMessage['channel']) =>
      sent.filter((message) => message.kind === kind && message.channel === channel).length;
    const committee = await sampleCommitteeAddress(`samples/${programme.id}.people.csv`);
    // No server is left running: the person starts one when they want to look.
    const web = committee && {
      serveCommand: `npm run dtwatch -- serve --data-dir ${dataDir}`,
      baseUrl: LOCAL_BASE_URL,
      link: signInLink(
        { key: await localSigningKey(dataDir), base: LOCAL_BASE_URL, now: new Date() },
        programme.id,
        committee,
      ),
    };
    const held = quietHoursEnd(
      clock.now(),
      programme.timezone,
      programme.catalog.programme.alerts.quietHours,
    );
    const notes = cycleNotes(
      {
        stored,
        unchanged: outcome.ingest.totals.rowsUnchanged,
        quarantined: rejected,
        catalogPath,
        dataDir,
        alerts: outcome.notify,
        alertEmails: count('alert', 'email'),
        alertSms: count('alert', 'sms'),
        digestEmails: count('digest', 'email'),
        held: outcome.notify.deferred,
        heldUntil: `${held.time} ${formatDate(held.date, language)}`,
        outbox: resolve(outcome.outboxDirectory),
        digest: {
          ...(digestLocation !== undefined && { location: digestLocation }),
          week: outcome.digest.week,
          isNew: outcome.digest.outcome === 'published',
        },
        nothingNew: stored === 0 && sent.length === 0,
        ...(web && { web }),
        seconds: formatDecimal((Date.now() - started) / 1000, 1, language),
      },
      language,
    );
    writeOut(
      renderDashboard({
        programme,
        report: outcome.report,
        mainSeries: outcome.mainSeries,
        mainIndicator: outcome.mainIndicator,
        sent,
        notes,
        language,
        colour,
      }),
    );
    return 0;
  },
};

/** Where an earlier run published the digest of `week` (a re-run does not publish it again). */
async function storedDigestLocation(
  dataDir: string,
  programme: string,
  week: string,
): Promise<string | undefined> {
  const opened = await openStore({ dataDir });
  try {
    return (await opened.store.getDigest(programme, week))?.reportLocation;
  } finally {
    await opened.close();
  }
}

async function confirm(question: string, language: Language): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // "c"/"có" is yes in Vietnamese; y/yes is accepted in both languages.
    const answer = (await prompt.question(`${question} ${language === 'vi' ? '[c/K]' : '[y/N]'} `)).trim();
    return /^(y(es)?|c(ó|o)?)$/i.test(answer);
  } finally {
    prompt.close();
  }
}
