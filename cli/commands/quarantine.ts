import { openStore } from '../../shared/adapters/open-store.ts';
import { UsageError } from '../../shared/errors.ts';
import { DEFAULT_LANGUAGE } from '../../shared/style/language.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import { loadCatalogFile } from '../files.ts';
import { renderQuarantineTable } from '../render/quarantine-table.ts';

const HELP = `Usage: dtwatch quarantine list --catalog <file> [--limit N] [--format json|table] [--lang vi|en] [--data-dir <dir>]

Lists the rows that ingestion rejected, newest first, with where they came from and why.

Options:
  --catalog <file>     programme catalog (JSON); names the programme
  --limit N            at most N rows (default 50)
  --format json|table  json: {"programme", "rows": [...]}; table: for people (default on a terminal)
  --lang vi|en         language of the table (default vi, as all people-facing output)
  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

const DEFAULT_LIMIT = 50;

export const quarantineListCommand: Command = {
  name: 'quarantine list',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const limitText = optionalString(parsed, 'limit');
    if (limitText !== undefined && !/^[1-9]\d{0,5}$/.test(limitText)) {
      throw new UsageError(`--limit must be a whole number from 1 to 999999 (got "${limitText}")`);
    }
    const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    const format =
      oneOf(optionalString(parsed, 'format'), ['json', 'table'], 'format') ??
      (process.stdout.isTTY ? 'table' : 'json');
    const language = oneOf(optionalString(parsed, 'lang'), ['vi', 'en'], 'lang') ?? DEFAULT_LANGUAGE;
    const catalog = await loadCatalogFile(catalogFile);
    const programme = catalog.programme.id;

    const opened = await openStore({ dataDir: optionalString(parsed, 'data-dir') });
    let rows: Awaited<ReturnType<typeof opened.store.listQuarantined>>;
    try {
      rows = await opened.store.listQuarantined(programme, { limit });
    } finally {
      await opened.close();
    }
    if (format === 'json') {
      writeOut(JSON.stringify({ programme, rows }, null, 2));
      return 0;
    }
    writeOut(renderQuarantineTable(rows, { language, timeZone: catalog.programme.timezone, programme }));
    return 0;
  },
};
