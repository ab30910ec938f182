import { userInfo } from 'node:os';
import { openStore } from '../../shared/adapters/open-store.ts';
import type { Acknowledgement } from '../../shared/alerts/acknowledgement.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import { dateInZone, isCalendarDate } from '../../shared/domain/calendar-date.ts';
import { InvalidInputError, UsageError } from '../../shared/errors.ts';
import type { AcknowledgementStore } from '../../shared/ports/acknowledgement-store.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import { acknowledge, withdrawAcknowledgement } from '../../shared/use-cases/acknowledgement-changes.ts';
import { oneOf, optionalString, type ParsedCommand, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadProgrammeFile } from '../files.ts';

const DATA_DIR_HELP = `  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table`;

const ACK_HELP = `Usage: dtwatch ack --catalog <file> --unit <id> [--indicator <id>] --until YYYY-MM-DD --note "<plan>" [--by <name>] [--data-dir <dir>]

Records that a unit acknowledged an alert with a remediation plan. Reminders for the unit's
series (one indicator, or all of them without --indicator) pause until the date, inclusive. An
alert still open when the acknowledgement expires is escalated if it is due. A new ack for the
same unit and indicator replaces the previous one.

Options:
  --catalog <file>     programme catalog (JSON)
  --unit <id>          the unit acknowledging
  --indicator <id>     one indicator (default: every indicator of the unit)
  --until <date>       reminders pause until this day (programme time zone), inclusive
  --note <text>        the remediation plan
  --by <name>          who acknowledged (default: the current user)
${DATA_DIR_HELP}

Exit codes: 0 ok, 1 invalid catalog or unknown unit/indicator, 2 usage error.`;

const LIST_HELP = `Usage: dtwatch ack list --catalog <file> [--format json|text] [--data-dir <dir>]

Lists the programme's acknowledgements, active ones first.

Options:
  --catalog <file>     programme catalog (JSON)
  --format json|text   default text
${DATA_DIR_HELP}

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

const REMOVE_HELP = `Usage: dtwatch ack remove --catalog <file> --unit <id> [--indicator <id>] [--data-dir <dir>]

Removes an acknowledgement: reminders resume at the next run. Without --indicator, removes the
unit-wide acknowledgement (acknowledgements of single indicators stay).

Exit codes: 0 removed, 1 no such acknowledgement or invalid catalog, 2 usage error.`;

export const ackCommand: Command = {
  name: 'ack',
  help: ACK_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      unit: { type: 'string' },
      indicator: { type: 'string' },
      until: { type: 'string' },
      note: { type: 'string' },
      by: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(ACK_HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const until = requireString(parsed, 'until');
    if (!isCalendarDate(until))
      throw new UsageError(`--until must be a real date YYYY-MM-DD (got "${until}")`);
    const note = requireString(parsed, 'note').trim();
    if (note === '') throw new UsageError('--note must describe the remediation plan');
    const programme = await loadProgrammeFile(catalogFile);
    const { unit, indicator } = seriesOf(parsed, programme, catalogFile);
    const today = dateInZone(new Date(), programme.timezone);
    if (until < today) throw new UsageError(`--until ${until} is already past (today is ${today})`);
    const ack: Acknowledgement = {
      programme: programme.id,
      unit,
      ...(indicator !== undefined && { indicator }),
      until,
      note,
      by: optionalString(parsed, 'by') || currentUser(),
      createdAt: new Date().toISOString(),
    };
    await withStore(parsed, (store, audit) => acknowledge(ack, { store, audit }, programme.catalogVersion));
    writeOut(`acknowledged ${unit}/${indicator ?? '*'} until ${until}: reminders pause until then`);
    return 0;
  },
};

export const ackListCommand: Command = {
  name: 'ack list',
  help: LIST_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(LIST_HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const format = oneOf(optionalString(parsed, 'format'), ['json', 'text'], 'format') ?? 'text';
    const programme = await loadProgrammeFile(catalogFile);
    const today = dateInZone(new Date(), programme.timezone);
    const acks = await withStore(parsed, (store) => store.listAcknowledgements(programme.id));
    const rows = acks
      .map((ack) => ({ ...ack, active: ack.until >= today }))
      .sort(
        (a, b) =>
          Number(b.active) - Number(a.active) ||
          compare(a.unit, b.unit) ||
          compare(a.indicator ?? '', b.indicator ?? ''),
      );
    if (format === 'json') {
      writeOut(JSON.stringify({ programme: programme.id, today, acknowledgements: rows }, null, 2));
    } else if (rows.length === 0) {
      writeOut('no acknowledgements');
    } else {
      for (const row of rows) {
        writeOut(
          `${row.active ? 'active ' : 'expired'}  ${row.unit}/${row.indicator ?? '*'}  until ${row.until}  by ${oneLine(row.by)}: ${oneLine(row.note)}`,
        );
      }
    }
    return 0;
  },
};

export const ackRemoveCommand: Command = {
  name: 'ack remove',
  help: REMOVE_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      unit: { type: 'string' },
      indicator: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(REMOVE_HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const programme = await loadProgrammeFile(catalogFile);
    const unit = requireString(parsed, 'unit');
    const indicator = optionalString(parsed, 'indicator');
    const removed = await withStore(parsed, (store, audit) =>
      withdrawAcknowledgement(
        {
          programme: programme.id,
          unit,
          ...(indicator !== undefined && { indicator }),
          by: currentUser(),
          at: new Date().toISOString(),
        },
        { store, audit },
      ),
    );
    if (!removed) {
      writeErr(`no acknowledgement for ${unit}/${indicator ?? '*'}`);
      return 1;
    }
    writeOut(`removed the acknowledgement of ${unit}/${indicator ?? '*'}`);
    return 0;
  },
};

function seriesOf(
  parsed: ParsedCommand,
  programme: Programme,
  catalogFile: string,
): { unit: string; indicator?: string } {
  const unit = requireString(parsed, 'unit');
  const indicator = optionalString(parsed, 'indicator');
  const problems = [];
  if (!programme.units.has(unit)) {
    problems.push({ file: catalogFile, location: '--unit', message: `no unit "${unit}" in the catalog` });
  }
  if (indicator !== undefined && !programme.indicators.has(indicator)) {
    problems.push({
      file: catalogFile,
      location: '--indicator',
      message: `no indicator "${indicator}" in the catalog`,
    });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { unit, ...(indicator !== undefined && { indicator }) };
}

async function withStore<T>(
  parsed: ParsedCommand,
  work: (store: AcknowledgementStore, audit: AuditTrail) => Promise<T>,
): Promise<T> {
  const opened = await openStore({ dataDir: optionalString(parsed, 'data-dir') });
  try {
    return await work(opened.store, opened.auditTrail);
  } finally {
    await opened.close();
  }
}

function currentUser(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
