import { openStore } from '../../shared/adapters/open-store.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { dateInZone, isCalendarDate } from '../../shared/domain/calendar-date.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { UsageError } from '../../shared/errors.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import { loadCatalogFile } from '../files.ts';
import { renderStatusTable } from '../render/status-table.ts';
import { colourEnabled } from '../render/terminal.ts';

const HELP = `Usage: dtwatch status --catalog <file> [--as-of YYYY-MM-DD] [--format json|table] [--lang en|vi] [--data-dir <dir>]

Judges every series of the catalog against its trajectory, from the observations in the store
(see "dtwatch ingest"). The json output is exactly that of "dtwatch evaluate".

Options:
  --catalog <file>     programme catalog (JSON)
  --as-of <date>       evaluation date (default: today in the programme's time zone);
                       observations dated after it are ignored
  --format json|table  json: the contract document; table: for people (default on a terminal)
  --lang en|vi         labels of the table (default en)
  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

export const statusCommand: Command = {
  name: 'status',
  summary: 'judge the stored observations against the catalog',
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
    const format =
      oneOf(optionalString(parsed, 'format'), ['json', 'table'], 'format') ??
      (process.stdout.isTTY ? 'table' : 'json');
    const language = oneOf(optionalString(parsed, 'lang'), ['en', 'vi'], 'lang') ?? 'en';
    const asOfOption = optionalString(parsed, 'as-of');
    if (asOfOption !== undefined && !isCalendarDate(asOfOption)) {
      throw new UsageError(`--as-of must be a real date YYYY-MM-DD (got "${asOfOption}")`);
    }

    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    const asOf = asOfOption ?? dateInZone(new Date(), programme.timezone);
    const opened = await openStore({ dataDir: optionalString(parsed, 'data-dir') });
    let observations: Awaited<ReturnType<typeof opened.store.programmeObservations>>;
    try {
      observations = await opened.store.programmeObservations(programme.id);
    } finally {
      await opened.close();
    }
    const report = evaluateProgramme(programme, groupBySeries(observations), asOf);
    if (format === 'json') writeOut(JSON.stringify(report, null, 2));
    else writeOut(renderStatusTable(report, programme, language, colourEnabled(process.stdout)));
    return 0;
  },
};
