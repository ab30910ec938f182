import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { formatProblem } from '../../shared/errors.ts';
import { readForEvaluation } from '../../shared/snapshots/read-for-evaluation.ts';
import { MAX_SNAPSHOT_BYTES } from '../../shared/snapshots/snapshot-file.ts';
import { parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadProgrammeFile } from '../files.ts';
import { printHistoryEvaluation, readReportOptions } from '../report-options.ts';
import { openSnapshotFile } from '../snapshot-file-bytes.ts';

const HELP = `Usage: dtwatch evaluate --catalog <file> --snapshots <file> [--as-of YYYY-MM-DD] [--format json|table] [--lang vi|en]

Judges every series of the catalog against its trajectory, from a snapshot file (JSON, NDJSON or
CSV), without any storage or network.

Options:
  --catalog <file>     programme catalog (JSON)
  --snapshots <file>   snapshots: .json {"snapshots": [...]}, .ndjson, or .csv (',' or ';')
  --as-of <date>       evaluation date (default: today in the programme's time zone);
                       rows dated after it are ignored
  --format json|table  json: the contract document; table: for people (default on a terminal)
  --lang vi|en         language of the table (default vi, as all people-facing output)

Exit codes: 0 ok, 1 invalid catalog or rejected rows (listed on stderr), 2 usage error.`;

export const evaluateCommand: Command = {
  name: 'evaluate',
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
    const options = readReportOptions(parsed);

    const programme = await loadProgrammeFile(catalogFile);
    const asOf = options.asOf ?? dateInZone(new Date(), programme.timezone);
    const bytes = openSnapshotFile(snapshotsFile, MAX_SNAPSHOT_BYTES);
    const checked = readForEvaluation(programme, bytes, snapshotsFile, { ignoreAfter: asOf });
    for (const rejected of checked.rejected) {
      writeErr(formatProblem({ file: snapshotsFile, location: rejected.location, message: rejected.reason }));
    }

    printHistoryEvaluation(programme, checked.history, checked.ratios, { ...options, asOf });
    if (checked.rejected.length > 0) {
      writeErr(`${checked.rejected.length} row(s) rejected; the other rows were evaluated.`);
      return 1;
    }
    return 0;
  },
};
