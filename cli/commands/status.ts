import { openStore } from '../../shared/adapters/open-store.ts';
import { type Mute, mutedSeries } from '../../shared/alerts/mute.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import { loadProgrammeFile } from '../files.ts';
import { printEvaluation, readReportOptions } from '../report-options.ts';

const HELP = `Usage: dtwatch status --catalog <file> [--as-of YYYY-MM-DD] [--format json|table] [--lang vi|en] [--data-dir <dir>]

Judges every series of the catalog against its trajectory, from the observations in the store
(see "dtwatch ingest"). The json output is exactly that of "dtwatch evaluate"; the table ends
with the active mutes (dtwatch mute) and the series they hold back.

Options:
  --catalog <file>     programme catalog (JSON)
  --as-of <date>       evaluation date (default: today in the programme's time zone);
                       observations dated after it are ignored
  --format json|table  json: the contract document; table: for people (default on a terminal)
  --lang vi|en         language of the table (default vi, as all people-facing output)
  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

export const statusCommand: Command = {
  name: 'status',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const options = readReportOptions(parsed);

    const programme = await loadProgrammeFile(catalogFile);
    const asOf = options.asOf ?? dateInZone(new Date(), programme.timezone);
    const opened = await openStore({ dataDir: optionalString(parsed, 'data-dir') });
    let observations: Awaited<ReturnType<typeof opened.store.programmeObservations>>;
    let mutes: Mute[];
    try {
      [observations, mutes] = await Promise.all([
        opened.store.programmeObservations(programme.id),
        opened.mutes.listMutes(programme.id),
      ]);
    } finally {
      await opened.close();
    }
    printEvaluation(programme, observations, { ...options, asOf });
    // The json document is the evaluation contract: mutes are shown to people only.
    if (options.format === 'table') {
      const series = programme.series.map((plan) => ({
        unit: plan.unit,
        indicator: plan.indicator,
        level: programme.units.get(plan.unit)?.level ?? '',
      }));
      for (const { mute, series: held } of mutedSeries(mutes, series, asOf)) {
        writeOut(
          `muted until ${mute.until} (${mute.id}, ${mute.reason.replace(/\s+/g, ' ')}): ${held.length} series, alerts evaluated but nobody told${held.length > 0 ? ` — ${held.slice(0, 5).join(', ')}${held.length > 5 ? ', …' : ''}` : ''}`,
        );
      }
    }
    return 0;
  },
};
