import { basename } from 'node:path';
import { openStore } from '../../shared/adapters/open-store.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { formatProblem, InvalidInputError, UsageError } from '../../shared/errors.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { MAX_SNAPSHOT_BYTES } from '../../shared/snapshots/snapshot-file.ts';
import { createSourceFetcher } from '../../shared/sources/fetch-source.ts';
import { createHttpFetcher } from '../../shared/sources/http-fetcher.ts';
import { createSecretResolver } from '../../shared/sources/secret-resolver.ts';
import { MAX_SOURCES_FILE_BYTES, parseSourcesFile } from '../../shared/sources/source-config.ts';
import {
  ingestProgramme,
  ingestSnapshotFile,
  type SourceIngestReport,
} from '../../shared/use-cases/ingest.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadCatalogFile, readInputBytes } from '../files.ts';
import { progressBar } from '../render/progress-bar.ts';
import { renderColumns } from '../render/terminal.ts';
import { openSnapshotFile } from '../snapshot-file-bytes.ts';

const HELP = `Usage: dtwatch ingest --catalog <file> --file <snapshots> [--data-dir <dir>] [--format text|json]
       dtwatch ingest --catalog <file> --sources <sources.json> [--data-dir <dir>] [--format text|json]

Stores snapshots in the dtwatch store: checked rows become observations (the same value twice is
stored once; a changed value becomes a new revision), rejected rows go to the quarantine with
their reason (see "dtwatch quarantine list"). Rows dated after today (in the programme's time
zone) are rejected.

  --file <snapshots>   a file handed over by hand: .json {"snapshots": [...]}, .ndjson or .csv
  --sources <file>     pull every source of the programme's sources file (HTTP JSON/CSV, S3 CSV);
                       one failing source does not stop the others
  --catalog <file>     programme catalog (JSON)
  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table
  --format text|json   the summary (stdout): text (default) or the run report as JSON

Rejected rows are listed on stderr (file: location: reason); a progress bar is drawn on stderr
when it is a terminal and the file is large.

Exit codes: 0 all stored, 1 invalid input or rows rejected (the good rows are stored),
2 usage error, 3 a source could not be pulled.`;

const EXIT_REJECTED = 1;
const EXIT_SOURCE_FAILED = 3;
/** Below this many observations a progress bar would only flicker. */
const PROGRESS_THRESHOLD = 5_000;

export const ingestCommand: Command = {
  name: 'ingest',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      file: { type: 'string' },
      sources: { type: 'string' },
      'data-dir': { type: 'string' },
      format: { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const file = optionalString(parsed, 'file');
    const sourcesFile = optionalString(parsed, 'sources');
    if ((file === undefined) === (sourcesFile === undefined)) {
      throw new UsageError('give either --file <snapshots> or --sources <sources.json>');
    }
    const format = oneOf(optionalString(parsed, 'format'), ['text', 'json'], 'format') ?? 'text';
    const dataDir = optionalString(parsed, 'data-dir');
    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    if (file !== undefined) return ingestFile(programme, file, dataDir, format);
    return ingestSources(programme, sourcesFile as string, dataDir, format);
  },
};

async function ingestFile(
  programme: Programme,
  file: string,
  dataDir: string | undefined,
  format: 'text' | 'json',
): Promise<number> {
  const bytes = openSnapshotFile(file, MAX_SNAPSHOT_BYTES);
  const opened = await openStore({ dataDir });
  const progress = progressBar(process.stderr, `storing ${basename(file)}`);
  let report: SourceIngestReport;
  try {
    report = await ingestSnapshotFile(programme, bytes, file, {
      store: opened.store,
      clock: systemClock,
      onProgress: (done, total) => {
        if (total >= PROGRESS_THRESHOLD) progress.update(done, total);
      },
    });
  } finally {
    progress.finish();
    await opened.close();
  }
  for (const row of report.rejected) writeErr(formatProblem({ location: row.location, message: row.reason }));
  if (format === 'json') writeOut(JSON.stringify(reportDocument(report), null, 2));
  else writeOut(`${file}: ${summaryOf(report)} (store: ${opened.description})`);
  if (report.run.rowsRejected > 0) {
    writeErr(`${report.run.rowsRejected} row(s) rejected and quarantined; the other rows were stored.`);
    return EXIT_REJECTED;
  }
  return 0;
}

async function ingestSources(
  programme: Programme,
  sourcesFile: string,
  dataDir: string | undefined,
  format: 'text' | 'json',
): Promise<number> {
  const sources = parseSourcesFile(await readInputBytes(sourcesFile, MAX_SOURCES_FILE_BYTES), sourcesFile);
  if (sources.programme !== programme.id) {
    throw new InvalidInputError([
      {
        file: sourcesFile,
        location: 'programme',
        message: `is "${sources.programme}" but the catalog is programme "${programme.id}"`,
      },
    ]);
  }
  const fetchSource = createSourceFetcher({
    http: createHttpFetcher({ policy: { allowHosts: sources.allowHosts ?? [] } }),
    secrets: createSecretResolver(),
  });
  const opened = await openStore({ dataDir });
  let result: Awaited<ReturnType<typeof ingestProgramme>>;
  try {
    result = await ingestProgramme(programme, sources, {
      store: opened.store,
      clock: systemClock,
      fetchSource,
    });
  } finally {
    await opened.close();
  }
  for (const source of result.sources) {
    for (const row of source.rejected) {
      writeErr(formatProblem({ file: source.run.source, location: row.location, message: row.reason }));
    }
  }
  if (format === 'json') {
    writeOut(
      JSON.stringify({ programme: result.programme, sources: result.sources.map(reportDocument) }, null, 2),
    );
  } else {
    writeOut(
      renderColumns(
        ['source', 'outcome', 'stored', 'unchanged', 'rejected', 'error'],
        result.sources.map(({ run }) => [
          run.source,
          run.outcome,
          String(run.rowsOk),
          String(run.rowsUnchanged),
          String(run.rowsRejected),
          run.error ?? '',
        ]),
        new Set([2, 3, 4]),
      ),
    );
  }
  if (result.sources.some(({ run }) => run.error !== undefined)) return EXIT_SOURCE_FAILED;
  return result.totals.rowsRejected > 0 ? EXIT_REJECTED : 0;
}

function summaryOf(report: SourceIngestReport): string {
  const { run } = report;
  return `${run.rowsOk} stored (${report.stored} new, ${report.revised} revised), ${run.rowsUnchanged} unchanged, ${run.rowsRejected} rejected`;
}

function reportDocument(report: SourceIngestReport) {
  return { ...report.run, stored: report.stored, revised: report.revised };
}
