import * as z from 'zod';
import { calendarDateSchema, E164_PATTERN, EMAIL_PATTERN } from '../catalog/catalog-schema.ts';
import { describeJsonSyntaxError, formatJsonPath } from '../catalog/json-location.ts';
import type { Programme } from '../catalog/programme.ts';
import type { PersonDetails } from '../domain/person.ts';
import { ROLES, SHARED_ROLES } from '../domain/person.ts';
import { InvalidInputError, type Problem } from '../errors.ts';
import { CsvSyntaxError, csvRecords, detectDelimiter } from '../snapshots/csv-records.ts';

/** One checked row of a directory file: a person, their seat and the stretch they hold it. */
export interface DirectoryRow extends PersonDetails {
  readonly validFrom?: string;
  readonly validTo?: string;
}

export const DIRECTORY_COLUMNS = ['unit', 'role', 'name', 'email', 'phone'] as const;
const OPTIONAL_COLUMNS = ['indicator', 'validFrom', 'validTo'] as const;
export const MAX_DIRECTORY_BYTES = 20 * 1024 * 1024;

const blankAsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === ''
    ? undefined
    : typeof value === 'string'
      ? value.trim()
      : value;

const rowSchema = z
  .object({
    unit: z.preprocess(blankAsUnset, z.string().optional()),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
    name: z.preprocess(blankAsUnset, z.string({ error: 'is required' })),
    email: z.preprocess(
      blankAsUnset,
      z.string().regex(EMAIL_PATTERN, 'must be a valid e-mail address').optional(),
    ),
    phone: z.preprocess(
      blankAsUnset,
      z.string().regex(E164_PATTERN, 'must be an E.164 phone number such as +84900000001').optional(),
    ),
    indicator: z.preprocess(blankAsUnset, z.string().optional()),
    validFrom: z.preprocess(blankAsUnset, calendarDateSchema.optional()),
    validTo: z.preprocess(blankAsUnset, calendarDateSchema.optional()),
  })
  .superRefine((row, ctx) => {
    if (!row.email && !row.phone)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'needs an e-mail or a phone' });
    if (!row.unit && !SHARED_ROLES.has(row.role)) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `is required for the role ${row.role}` });
    }
    if (row.role === 'owner' && !row.indicator) {
      ctx.addIssue({ code: 'custom', path: ['indicator'], message: 'is required for an owner' });
    }
    if (row.validFrom && row.validTo && row.validTo < row.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: `is before validFrom (${row.validFrom})` });
    }
  });

/** A row as read from the file (or the command line), before it is checked. */
export interface RawDirectoryRow {
  readonly location: string;
  readonly fields: Record<string, unknown>;
}

/**
 * Reads a directory file (CSV with the header `unit,role,name,email,phone` and optional
 * `indicator,validFrom,validTo`, or JSON `{"people": [...]}` / a list) and checks every row,
 * against the catalog too. Any bad row fails the whole file with one problem per field, so
 * nothing of a half-right file is imported.
 */
export function parseDirectoryText(text: string, file: string, programme: Programme): DirectoryRow[] {
  const body = text.replace(/^\uFEFF+/, '');
  const raw = /^\s*[[{]/.test(body) ? jsonRows(body, file) : csvRows(body, file);
  const rows = checkDirectoryRows(raw, file, programme);
  if (rows.length === 0) throw new InvalidInputError([{ file, message: 'names nobody' }]);
  return rows;
}

/** Checks rows one by one; any problem fails them all, one message per field. */
export function checkDirectoryRows(
  raw: readonly RawDirectoryRow[],
  file: string,
  programme: Programme,
): DirectoryRow[] {
  const problems: Problem[] = [];
  const rows: DirectoryRow[] = [];
  for (const { location, fields } of raw) {
    const parsed = rowSchema.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          file,
          location: `${location}, ${formatJsonPath(issue.path)}`,
          message: issue.message,
        });
      }
      continue;
    }
    const row = parsed.data;
    const unit = row.unit ?? '';
    const indicator = row.indicator ?? '';
    if (unit && !programme.units.has(unit)) {
      problems.push({
        file,
        location: `${location}, unit`,
        message: `"${unit}" is not a unit of ${programme.id}`,
      });
      continue;
    }
    if (indicator && !programme.indicators.has(indicator)) {
      problems.push({
        file,
        location: `${location}, indicator`,
        message: `"${indicator}" is not an indicator of ${programme.id}`,
      });
      continue;
    }
    rows.push({
      role: row.role,
      unit,
      indicator,
      name: row.name,
      ...(row.email !== undefined && { email: row.email }),
      ...(row.phone !== undefined && { phone: row.phone }),
      ...(row.validFrom !== undefined && { validFrom: row.validFrom }),
      ...(row.validTo !== undefined && { validTo: row.validTo }),
    });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return rows;
}

function jsonRows(text: string, file: string): RawDirectoryRow[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ file, message: describeJsonSyntaxError(error, text) }], { cause: error });
  }
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  const list = Array.isArray(document) ? document : isRecord(document) ? document.people : undefined;
  if (!Array.isArray(list)) {
    throw new InvalidInputError([{ file, message: 'expected {"people": [ … ]} (or a list of people)' }]);
  }
  const prefix = Array.isArray(document) ? [] : ['people'];
  return list.map((item: unknown, index: number) => ({
    location: formatJsonPath([...prefix, index]),
    fields: isRecord(item) ? item : { role: undefined },
  }));
}

function csvRows(text: string, file: string): RawDirectoryRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const records = csvRecords(text, detectDelimiter(firstLine));
  try {
    const header = records.next();
    if (header.done) throw new InvalidInputError([{ file, message: 'empty file: expected a header row' }]);
    const names = header.value.fields.map((name) => name.trim());
    const missing = DIRECTORY_COLUMNS.filter((column) => !names.includes(column));
    if (missing.length > 0) {
      throw new InvalidInputError([
        {
          file,
          location: 'line 1',
          message: `header must name the columns ${DIRECTORY_COLUMNS.join(',')} (optional ${OPTIONAL_COLUMNS.join(',')}); missing ${missing.join(', ')}`,
        },
      ]);
    }
    const rows: RawDirectoryRow[] = [];
    for (const record of records) {
      const fields = Object.fromEntries(names.map((name, index) => [name, record.fields[index]]));
      rows.push({ location: `line ${record.line}`, fields });
    }
    return rows;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new InvalidInputError([{ file, location: `line ${error.line}`, message: error.message }], {
        cause: error,
      });
    }
    throw error;
  }
}
