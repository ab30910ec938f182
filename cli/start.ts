import './sdk-environment.ts';
import { createInterface } from 'node:readline/promises';
import { openStore } from '../shared/adapters/open-store.ts';
import { UsageError } from '../shared/errors.ts';
import { routeLogsToStderr } from '../shared/logger.ts';
import { type Clock, fixedClock, systemClock } from '../shared/ports/clock.ts';
import { localSigningKey } from '../shared/web/signing-key.ts';
import { LOCAL_BASE_URL, signInLink } from '../shared/web/web-links.ts';
import { oneOf, optionalString, parseCommand } from './args.ts';
import { type Command, writeErr, writeOut } from './command.ts';
import { loadProgrammeFile } from './files.ts';
import { resetDataDir, runMonitoringCycle } from './local/monitoring-cycle.ts';
import { sampleCommitteeAddress } from './local/sample-committee.ts';
import { runCommand } from './main.ts';
import { renderDashboard } from './render/dashboard.ts';
import { colourEnabled } from './render/terminal.ts';
import { readAsOf } from './report-options.ts';

const PROGRAMMES: Record<string, string> = {
  'ha-tinh-nq05': 'catalog/ha-tinh-nq05.json',
  'nghe-an': 'catalog/nghe-an.json',
};

const HELP = `Usage: npm start -- [--programme ha-tinh-nq05|nghe-an] [--as-of YYYY-MM-DD] [--lang vi|en]
                    [--data-dir D] [--reset [--yes]]

Runs one full monitoring cycle on the embedded default (no AWS account, no network): a loopback
sample source serves SAMPLE DATA (monthly snapshots since Nov 2021, generated deterministically),
dtwatch pulls it through the real ingest path into the embedded store (.dtwatch/), evaluates,
imports the sample directory of people on the first run, alerts them through the outbox (.dtwatch/outbox/) and renders the weekly digest
(.dtwatch/digest/). Running it again the same day adds nothing and sends nothing new.

Options:
  --programme <id>   ha-tinh-nq05 (default) or nghe-an
  --as-of <date>     run as if today were this date
  --lang vi|en       language of the dashboard (default en)
  --data-dir <dir>   local data folder (default .dtwatch/, or DTWATCH_DATA_DIR)
  --reset            delete the local data folder first (asks; --yes to skip the question)`;

export const startCommand: Command = {
  name: 'start',
  summary: 'run one monitoring cycle locally on sample data',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      programme: { type: 'string' },
      'as-of': { type: 'string' },
      lang: { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const programmeId = optionalString(parsed, 'programme') ?? 'ha-tinh-nq05';
    const catalogPath = PROGRAMMES[programmeId];
    if (!catalogPath)
      throw new UsageError(`--programme must be one of ${Object.keys(PROGRAMMES).join(', ')}`);
    const language = oneOf(optionalString(parsed, 'lang'), ['en', 'vi'], 'lang') ?? 'en';
    const asOf = readAsOf(parsed);
    const dataDir = optionalString(parsed, 'data-dir') ?? process.env.DTWATCH_DATA_DIR ?? '.dtwatch';

    if (parsed.values.reset === true) {
      if (parsed.values.yes !== true && !(await confirm(`Delete the local data folder ${dataDir}?`))) {
        writeErr('nothing deleted');
        return 0;
      }
      await resetDataDir(dataDir);
      writeErr(`deleted ${dataDir}`);
    }

    const programme = await loadProgrammeFile(catalogPath);
    // An as-of run happens at 05:00 UTC (noon in Viet Nam): well clear of the SMS quiet hours.
    const clock: Clock = asOf ? fixedClock(`${asOf}T05:00:00Z`) : systemClock;
    const started = Date.now();
    const sent: string[] = [];
    const colour = colourEnabled(process.stdout);
    let step = 0;
    const outcome = await runMonitoringCycle({
      programme,
      catalogPath,
      dataDir,
      directoryFile: `samples/${programme.id}.people.csv`,
      clock,
      progress: (text) => writeErr(`[${++step}/4] ${text}`),
      onMessage: (line) => sent.push(line),
    });

    const digestLocation =
      outcome.digest.report?.location ??
      (await storedDigestLocation(dataDir, programme.id, outcome.digest.week));
    const stored = outcome.ingest.sources.reduce((sum, source) => sum + source.stored + source.revised, 0);
    const rejected = outcome.ingest.totals.rowsRejected;
    const notes = [
      `SAMPLE DATA — generated for the demo, not official figures. Heads' contacts are placeholders.`,
      `Stored ${stored} new observations (${outcome.ingest.totals.rowsUnchanged} already stored), quarantined ${rejected} bad rows (dtwatch quarantine list --catalog ${catalogPath}).`,
      `Alerts: ${outcome.notify.opened} opened, ${outcome.notify.reminded} reminded, ${outcome.notify.escalated} escalated, ${outcome.notify.resolved} resolved; sent ${outcome.notify.sent.email} e-mail and ${outcome.notify.sent.sms} SMS, ${outcome.notify.deferred} SMS deferred by quiet hours.`,
      `Outbox:  ${outcome.outboxDirectory}`,
      `Digest:  ${digestLocation ?? '(not published)'} (${outcome.digest.week}, ${outcome.digest.outcome === 'published' ? 'new' : 'already published'})`,
    ];
    if (stored === 0 && sent.length === 0) {
      notes.push(`Nothing new since the last run today: no observation added, no message sent.`);
    }
    const committee = await sampleCommitteeAddress(`samples/${programme.id}.people.csv`);
    if (committee) {
      // No server is left running: the person starts one when they want to look.
      const link = signInLink(
        { key: await localSigningKey(dataDir), base: LOCAL_BASE_URL, now: new Date() },
        programme.id,
        committee,
      );
      notes.push(
        `Web app: run  npm run dtwatch -- serve --data-dir ${dataDir}  then open ${LOCAL_BASE_URL}`,
        `Sign in as the sample committee member (link valid 15 minutes, single use): ${link}`,
      );
    }
    notes.push(`Finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
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

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

routeLogsToStderr();
process.exitCode = await runCommand(startCommand, process.argv.slice(2));
