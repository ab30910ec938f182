import { resolve } from 'node:path';
import { openStore } from '../../shared/adapters/open-store.ts';
import { UsageError } from '../../shared/errors.ts';
import {
  TIMELINE_COLUMNS,
  type TimelineRow,
  timelineCsv,
  timelineRows,
} from '../../shared/records/timeline-rows.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import { loadProgrammeFile } from '../files.ts';
import { renderColumns } from '../render/terminal.ts';

const HELP = `Usage: dtwatch history --catalog <file> --unit <id> [--indicator <id>] [--format table|json|csv]
                       [--limit N] [--show-contacts] [--data-dir <dir>]

The audit trail of one unit, newest first: every message sent about it (channel, recipient, the
value, observation date and required value it showed, and the catalog version it was judged
against, with the hash and length of the text), every acknowledgement, mute and directory change.
--indicator narrows to one indicator (unit-wide events stay). "--unit ''" is the programme-wide
timeline (the committee's digest, operators). Recipients are masked unless --show-contacts.

Options:
  --catalog <file>     programme catalog (JSON)
  --unit <id>          the unit
  --indicator <id>     one indicator of it
  --format <f>         table (default), json, or csv (one row per message and series; for a
                       spreadsheet: UTF-8 with BOM)
  --limit <n>          at most this many events (default: all)
  --show-contacts      print recipients unmasked (the office looking a person up)
  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table

Exit codes: 0 ok, 1 invalid catalog, 2 usage error (an unknown unit or indicator), 3 the store
could not be read.`;

export const historyCommand: Command = {
  name: 'history',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      unit: { type: 'string' },
      indicator: { type: 'string' },
      format: { type: 'string' },
      limit: { type: 'string' },
      'show-contacts': { type: 'boolean' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const programme = await loadProgrammeFile(requireString(parsed, 'catalog'));
    const unit = optionalString(parsed, 'unit');
    if (unit === undefined) throw new UsageError('--unit is required');
    if (unit !== '' && !programme.units.has(unit)) {
      throw new UsageError(`--unit "${unit}" is not a unit of ${programme.id}`);
    }
    const indicator = optionalString(parsed, 'indicator');
    if (indicator !== undefined && !programme.indicators.has(indicator)) {
      throw new UsageError(`--indicator "${indicator}" is not an indicator of ${programme.id}`);
    }
    const format = oneOf(optionalString(parsed, 'format'), ['table', 'json', 'csv'], 'format') ?? 'table';
    const limitText = optionalString(parsed, 'limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new UsageError(`--limit must be a positive whole number (got "${limitText}")`);
    }
    const dataDir = optionalString(parsed, 'data-dir');
    const opened = await openStore(dataDir === undefined ? {} : { dataDir: resolve(dataDir) });
    let rows: TimelineRow[];
    try {
      const events = await opened.auditTrail.auditTimeline({
        programme: programme.id,
        unit,
        ...(indicator !== undefined && { indicator }),
        ...(limit !== undefined && { limit }),
      });
      rows = timelineRows(events, parsed.values['show-contacts'] === true);
    } finally {
      await opened.close();
    }
    if (format === 'json') {
      writeOut(JSON.stringify(rows, null, 2));
    } else if (format === 'csv') {
      process.stdout.write(timelineCsv(rows));
    } else if (rows.length === 0) {
      writeOut(`${programme.id} ${unit || '(programme)'}: nothing recorded yet`);
    } else {
      const shown = (value: number | string | null) => (value === null ? '' : String(value));
      writeOut(
        renderColumns(
          TIMELINE_COLUMNS,
          rows.map((row) => TIMELINE_COLUMNS.map((column) => shown(row[column]))),
          new Set([6, 8]),
        ),
      );
    }
    return 0;
  },
};
