import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../shared/adapters/open-store.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { isCalendarDate } from '../../shared/domain/calendar-date.ts';
import { UsageError } from '../../shared/errors.ts';
import { logger } from '../../shared/logger.ts';
import { DEFAULT_LANGUAGE } from '../../shared/style/language.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadCatalogFile } from '../files.ts';
import { nationalSampleProgrammes, provincesOption } from '../local/national-sample-programmes.ts';
import { progressBar } from '../render/progress-bar.ts';
import { colourEnabled } from '../render/terminal.ts';
import { NATIONAL_SAMPLE_SCOPE, replayNationalSample } from '../simulate/national-replay.ts';
import {
  renderSimulationTable,
  type SimulatedScope,
  simulationDocument,
} from '../simulate/simulate-report.ts';
import { SIMULATE_TEXT } from '../simulate/simulate-text.ts';
import { prepareSimulationFolder } from '../simulate/simulation-folder.ts';
import { replayWeeks } from '../simulate/weekly-replay.ts';

const PROGRAMMES = ['ha-tinh-nq05', 'nghe-an'] as const;
const MAX_WEEKS = 260;
/** Every weekly run happens at 08:00 on the programme's clock: after the SMS quiet hours. */
const RUN_MINUTE = 8 * 60;

const HELP = `Usage: dtwatch simulate --from YYYY-MM-DD --weeks N [--programme ha-tinh-nq05|nghe-an]
                        [--lang vi|en] [--data-dir D] [--format table|json]
       dtwatch simulate --national-sample [--provinces 42,40] --from YYYY-MM-DD --weeks N
                        [--lang vi|en] [--data-dir D] [--format table|json]

Replays the weekly monitoring run over SAMPLE DATA (generated deterministically, not official
figures), starting from an empty store: every Monday at 08:00 (programme time) the sample sources
offer what became known since the last run, dtwatch ingests it, opens, reminds, escalates and
resolves alerts through the outbox, and publishes the digest of the week that just ended. Prints
one line per week, then the totals, the series by status at the end and the units whose alerts
have been open longest. The same arguments always print the same result.

Options:
  --from <date>      the first run, a Monday (e.g. 2025-01-06)
  --weeks N          how many weekly runs, 1 to ${MAX_WEEKS}
  --programme <id>   ha-tinh-nq05 (default) or nghe-an
  --national-sample  the 34 provincial SAMPLE programmes instead (as npm start -- --national-sample:
                     one template catalog per province, targets marked SAMPLE), a few at once as
                     the deployed daily run fans out; each week's line adds them up
  --provinces <list> with --national-sample: only these province codes (e.g. 42,40)
  --lang vi|en       language of the output and the digests (default vi)
  --data-dir <dir>   where the simulation keeps its store, outbox and digests (default
                     .dtwatch/simulate-<programme>/ or .dtwatch/simulate-national-sample/); deleted first if an earlier simulation
                     made it, refused if it holds anything else
  --format table|json  table for people (default) or one JSON document with every week

A progress bar shows on stderr when it is a terminal. DTWATCH_TABLE is ignored: a simulation
always runs on its own embedded store.`;

export const simulateCommand: Command = {
  name: 'simulate',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      from: { type: 'string' },
      weeks: { type: 'string' },
      programme: { type: 'string' },
      lang: { type: 'string' },
      'data-dir': { type: 'string' },
      format: { type: 'string' },
      'national-sample': { type: 'boolean' },
      provinces: { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const from = readMonday(requireString(parsed, 'from'));
    const weeks = readWeeks(requireString(parsed, 'weeks'));
    const national = parsed.values['national-sample'] === true;
    if (national && parsed.values.programme !== undefined) {
      throw new UsageError('--national-sample runs the provincial SAMPLE programmes: leave out --programme');
    }
    if (!national && parsed.values.provinces !== undefined) {
      throw new UsageError('--provinces needs --national-sample');
    }
    const programmeId = oneOf(optionalString(parsed, 'programme'), PROGRAMMES, 'programme') ?? 'ha-tinh-nq05';
    const language = oneOf(optionalString(parsed, 'lang'), ['vi', 'en'], 'lang') ?? DEFAULT_LANGUAGE;
    const format = oneOf(optionalString(parsed, 'format'), ['table', 'json'], 'format') ?? 'table';
    const scopeName = national ? NATIONAL_SAMPLE_SCOPE : programmeId;
    const dataDir = resolve(optionalString(parsed, 'data-dir') || `.dtwatch/simulate-${scopeName}`);
    const catalogPath = `catalog/${programmeId}.json`;
    const text = SIMULATE_TEXT[language];

    const programmes = national
      ? await nationalSampleProgrammes(provincesOption(optionalString(parsed, 'provinces')))
      : [
          buildProgramme(
            await loadCatalogFile(fileURLToPath(new URL(`../../${catalogPath}`, import.meta.url))),
          ),
        ];
    await prepareSimulationFolder(dataDir, writeErr);
    if (process.env.DTWATCH_TABLE) writeErr('DTWATCH_TABLE is ignored: the simulation uses its own store');
    // One "alert run" log line per week would tear the progress bar; warnings still show.
    if (!process.env.LOG_LEVEL) logger.setLogLevel('WARN');

    const started = performance.now();
    const bar = progressBar(process.stderr, text.progress);
    // Only the folder decides where the store is, never the caller's DTWATCH_* settings.
    const opened = await openStore({ dataDir, env: {} });
    const replay = {
      dataDir,
      store: opened.store,
      mutes: opened.mutes,
      from,
      weeks,
      runMinute: RUN_MINUTE,
      language,
    };
    let outcome: Awaited<ReturnType<typeof replayWeeks>>;
    let scope: SimulatedScope;
    try {
      if (national) {
        ({ outcome, scope } = await replayNationalSample(programmes, {
          ...replay,
          onProgramme: (done, total) => bar.update(done, total),
        }));
      } else {
        const programme = programmes[0] as Programme;
        scope = programme;
        outcome = await replayWeeks({
          ...replay,
          programme,
          catalogPath,
          onWeek: (_row, index) => bar.update(index + 1, weeks),
        });
      }
    } finally {
      bar.finish();
      await opened.close();
    }
    const context = {
      programme: scope,
      ...(national && { programmes: programmes.map((programme) => programme.id) }),
      from,
      weeks,
      dataDir,
      language,
      colour: colourEnabled(process.stdout),
    };
    writeOut(
      format === 'json'
        ? JSON.stringify(simulationDocument(outcome, context), null, 2)
        : renderSimulationTable(outcome, context),
    );
    writeErr(text.finished(((performance.now() - started) / 1000).toFixed(1)));
    return 0;
  },
};

function readMonday(text: string): string {
  if (!isCalendarDate(text)) throw new UsageError(`--from must be a real date YYYY-MM-DD (got "${text}")`);
  const weekday = new Date(`${text}T00:00:00Z`).getUTCDay();
  if (weekday !== 1) {
    const name = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(`${text}T00:00:00Z`),
    );
    throw new UsageError(`--from must be a Monday, the day the weekly run happens (${text} is a ${name})`);
  }
  return text;
}

function readWeeks(text: string): number {
  const weeks = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(weeks >= 1 && weeks <= MAX_WEEKS)) {
    throw new UsageError(`--weeks must be a whole number from 1 to ${MAX_WEEKS} (got "${text}")`);
  }
  return weeks;
}
