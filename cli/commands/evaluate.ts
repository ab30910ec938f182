import { buildProgramme } from '../../shared/catalog/programme.ts';
import { dateInZone, isCalendarDate } from '../../shared/domain/calendar-date.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { formatProblem, UsageError } from '../../shared/errors.ts';
import { checkRows } from '../../shared/snapshots/observation-rows.ts';
import { decodeSnapshotBytes, parseSnapshotText } from '../../shared/snapshots/snapshot-file.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadCatalogFile, readInputBytes } from '../files.ts';
import { renderStatusTable } from '../render/status-table.ts';
import { colourEnabled } from '../render/terminal.ts';

const HELP = `Usage: dtwatch evaluate --catalog <file> --snapshots <file> [--as-of YYYY-MM-DD] [--format json|table] [--lang en|vi]

Judges every series of the catalog against its trajectory, from a snapshot file (JSON, NDJSON or
CSV), without any storage or network.

Options:
  --catalog <file>     programme catalog (JSON)
  --snapshots <file>   snapshots: .json {"snapshots": [...]}, .ndjson, or .csv (',' or ';')
  --as-of <date>       evaluation date (default: today in the programme's time zone);
                       rows dated after it are ignored
  --format json|table  json: the contract document; table: for people (default on a terminal)
  --lang en|vi         labels of the table (default en)

Exit codes: 0 ok, 1 invalid catalog or rejected rows (listed on stderr), 2 usage error.`;

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'judge a snapshot file against the catalog (no storage)',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      snapshots: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const snapshotsFile = requireString(parsed, 'snapshots');
    const format = oneOf(optionalString(parsed, 'format'), ['json', 'table'], 'format') ?? defaultFormat();
    const language = oneOf(optionalString(parsed, 'lang'), ['en', 'vi'], 'lang') ?? 'en';
    const asOfOption = optionalString(parsed, 'as-of');
    if (asOfOption !== undefined && !isCalendarDate(asOfOption)) {
      throw new UsageError(`--as-of must be a real date YYYY-MM-DD (got "${asOfOption}")`);
    }

    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    const asOf = asOfOption ?? dateInZone(new Date(), programme.timezone);
    const text = decodeSnapshotBytes(await readInputBytes(snapshotsFile), snapshotsFile);
    const checked = checkRows(programme, parseSnapshotText(text, snapshotsFile), { ignoreAfter: asOf });
    for (const rejected of checked.rejected) {
      writeErr(formatProblem({ file: snapshotsFile, location: rejected.location, message: rejected.reason }));
    }

    const report = evaluateProgramme(programme, groupBySeries(checked.observations), asOf);
    if (format === 'json') writeOut(JSON.stringify(report, null, 2));
    else writeOut(renderStatusTable(report, programme, language, colourEnabled(process.stdout)));
    if (checked.rejected.length > 0) {
      writeErr(`${checked.rejected.length} row(s) rejected; the other rows were evaluated.`);
      return 1;
    }
    return 0;
  },
};

function defaultFormat(): 'json' | 'table' {
  return process.stdout.isTTY ? 'table' : 'json';
}
