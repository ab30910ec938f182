import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { openStore } from '../../shared/adapters/open-store.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { type EmailState, normaliseEmail, type Tenure } from '../../shared/domain/person.ts';
import type { Directory } from '../../shared/ports/directory.ts';
import type { DirectoryAudit } from '../../shared/use-cases/directory-changes.ts';
import { optionalString, type ParsedCommand, requireString } from '../args.ts';
import { loadProgrammeFile } from '../files.ts';
import { readAsOf } from '../report-options.ts';

export const DIRECTORY_OPTIONS = {
  catalog: { type: 'string' },
  'as-of': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export const DIRECTORY_OPTIONS_HELP = `  --catalog <file>     programme catalog (JSON): the units, indicators and time zone
  --as-of <date>       the day the change takes effect / the listing is for (default: today in
                       the programme's time zone)
  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table`;

export interface DirectoryContext {
  readonly programme: Programme;
  readonly catalogFile: string;
  readonly directory: Directory;
  /** Where the command's changes are recorded, as made by this operator. */
  readonly audit: DirectoryAudit;
  /** The day the command acts on, in the programme's time zone. */
  readonly today: string;
}

/** Loads the catalog, opens the store's directory, runs `work`, closes the store. */
export async function withDirectory<T>(
  parsed: ParsedCommand,
  work: (context: DirectoryContext) => Promise<T>,
): Promise<T> {
  const catalogFile = requireString(parsed, 'catalog');
  const programme = await loadProgrammeFile(catalogFile);
  const today = readAsOf(parsed) ?? dateInZone(new Date(), programme.timezone);
  const dataDir = optionalString(parsed, 'data-dir');
  const opened = await openStore(dataDir === undefined ? {} : { dataDir: resolve(dataDir) });
  try {
    const audit = { trail: opened.auditTrail, by: operatorName() };
    return await work({ programme, catalogFile, directory: opened.directory, audit, today });
  } finally {
    await opened.close();
  }
}

/** Who is making a change from this terminal (the audit trail's "by"). */
export function operatorName(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

/** A tenure as scripts read it (`directory list --format json`). */
export function personJson(tenure: Tenure, emailState?: EmailState) {
  return {
    unit: tenure.unit,
    role: tenure.role,
    indicator: tenure.indicator,
    name: tenure.name,
    email: tenure.email ?? '',
    phone: tenure.phone ?? '',
    validFrom: tenure.validFrom,
    validTo: tenure.validTo ?? '',
    ...(emailState !== undefined && { emailState }),
  };
}

export async function emailStatesOf(directory: Directory): Promise<Map<string, EmailState>> {
  return new Map((await directory.listEmailStates()).map((entry) => [entry.address, entry.state]));
}

export function emailStateOf(
  tenure: Tenure,
  states: ReadonlyMap<string, EmailState>,
): EmailState | undefined {
  return tenure.email ? states.get(normaliseEmail(tenure.email)) : undefined;
}
