import { openCatalogStore } from '../../shared/adapters/open-catalog-store.ts';
import { reviewCatalog } from '../../shared/catalog/catalog-review.ts';
import { CATALOG_VERSION_PATTERN, versionedProgramme } from '../../shared/catalog/catalog-version.ts';
import { InvalidInputError, UsageError } from '../../shared/errors.ts';
import { oneOf, optionalString, type ParsedCommand, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadVersionedCatalogFile } from '../files.ts';
import { renderColumns } from '../render/terminal.ts';

const WHERE_HELP = `  --data-dir <dir>     local data folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored when
                       DTWATCH_CATALOG_BUCKET names the stage's catalog bucket (AWS_REGION,
                       AWS_ENDPOINT_URL and credentials come from the standard SDK configuration)`;

const PUBLISH_HELP = `Usage: dtwatch catalog publish <file> [--programme <id>] [--format text|json] [--data-dir <dir>]

Checks a catalog exactly as "dtwatch catalog check" does and, when it is valid, publishes it as
the programme's current catalog: the next run of every function (or of the local cycle) uses it,
with no deploy. The version is the hash of the catalog's canonical JSON (12 hex digits): the same
content always has the same version, so publishing an earlier file again rolls back to it.

Options:
  --programme <id>     refuse unless the catalog's programme.id is this one
  --format text|json   default text
${WHERE_HELP}

Exit codes: 0 published, 1 invalid catalog (nothing published), 2 usage or configuration error,
3 the store could not be written.`;

const VERSIONS_HELP = `Usage: dtwatch catalog versions --programme <id> [--format text|json] [--data-dir <dir>]

Lists the published versions of a programme's catalog, newest first; the current one is marked.

Options:
  --programme <id>     the programme
  --format text|json   default text
${WHERE_HELP}

Exit codes: 0 ok, 2 usage or configuration error, 3 the store could not be read.`;

const ROLLBACK_HELP = `Usage: dtwatch catalog rollback --programme <id> --to <version> [--data-dir <dir>]

Makes a version published earlier current again (see "dtwatch catalog versions"). The next run
uses it.

Options:
  --programme <id>     the programme
  --to <version>       a published version (12 hex digits)
${WHERE_HELP}

Exit codes: 0 done, 1 the version was never published, 2 usage or configuration error,
3 the store could not be written.`;

const WHERE_OPTIONS = { 'data-dir': { type: 'string' } } as const;

const storeOf = (parsed: ParsedCommand) => {
  const dataDir = optionalString(parsed, 'data-dir');
  return openCatalogStore(dataDir === undefined ? {} : { dataDir });
};

export const catalogPublishCommand: Command = {
  name: 'catalog publish',
  help: PUBLISH_HELP,
  async run(argv) {
    const parsed = parseCommand(
      argv,
      { ...WHERE_OPTIONS, programme: { type: 'string' }, format: { type: 'string' } },
      true,
    );
    if (parsed.help) {
      writeOut(PUBLISH_HELP);
      return 0;
    }
    const [file, ...extra] = parsed.positionals;
    if (!file) throw new UsageError('name the catalog file: dtwatch catalog publish <file>');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const format = oneOf(optionalString(parsed, 'format'), ['text', 'json'], 'format') ?? 'text';
    const versioned = await loadVersionedCatalogFile(file);
    const programme = versioned.catalog.programme.id;
    const expected = optionalString(parsed, 'programme');
    if (expected !== undefined && expected !== programme) {
      throw new InvalidInputError([
        { file, location: 'programme.id', message: `is "${programme}", not --programme "${expected}"` },
      ]);
    }
    const review = reviewCatalog(versionedProgramme(versioned));
    const { catalogs, description } = await storeOf(parsed);
    const before = await catalogs.current(programme);
    const entry = { programme, version: versioned.version, publishedAt: new Date().toISOString() };
    await catalogs.publish(entry, versioned.canonical);
    if (format === 'json') {
      writeOut(JSON.stringify({ ...entry, previous: before?.version ?? null, where: description }, null, 2));
      return 0;
    }
    for (const warning of review.warnings) writeErr(`warning: ${warning}`);
    writeOut(
      before?.version === versioned.version
        ? `${programme}: version ${versioned.version} was already current (${description})`
        : `${programme}: published version ${versioned.version} to ${description}` +
            (before ? ` (was ${before.version})` : ''),
    );
    return 0;
  },
};

export const catalogVersionsCommand: Command = {
  name: 'catalog versions',
  help: VERSIONS_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      ...WHERE_OPTIONS,
      programme: { type: 'string' },
      format: { type: 'string' },
    });
    if (parsed.help) {
      writeOut(VERSIONS_HELP);
      return 0;
    }
    const programme = requireString(parsed, 'programme');
    const format = oneOf(optionalString(parsed, 'format'), ['text', 'json'], 'format') ?? 'text';
    const { catalogs, description } = await storeOf(parsed);
    const [current, versions] = await Promise.all([
      catalogs.current(programme),
      catalogs.versions(programme),
    ]);
    if (format === 'json') {
      writeOut(JSON.stringify({ programme, current: current?.version ?? null, versions }, null, 2));
      return 0;
    }
    if (versions.length === 0) {
      writeOut(`${programme}: no catalog published in ${description}`);
      return 0;
    }
    writeOut(
      renderColumns(
        ['version', 'published', 'current'],
        versions.map((entry) => [
          entry.version,
          entry.publishedAt,
          entry.version === current?.version ? 'yes' : '',
        ]),
        new Set(),
      ),
    );
    return 0;
  },
};

export const catalogRollbackCommand: Command = {
  name: 'catalog rollback',
  help: ROLLBACK_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      ...WHERE_OPTIONS,
      programme: { type: 'string' },
      to: { type: 'string' },
    });
    if (parsed.help) {
      writeOut(ROLLBACK_HELP);
      return 0;
    }
    const programme = requireString(parsed, 'programme');
    const version = requireString(parsed, 'to');
    if (!CATALOG_VERSION_PATTERN.test(version)) {
      throw new UsageError(`--to must be a catalog version of 12 hex digits (got "${version}")`);
    }
    const { catalogs, description } = await storeOf(parsed);
    const used = await catalogs.use({ programme, version, publishedAt: new Date().toISOString() });
    if (!used) {
      throw new InvalidInputError([
        {
          location: '--to',
          message: `version ${version} of ${programme} was never published in ${description}`,
        },
      ]);
    }
    writeOut(`${programme}: version ${version} is current again (${description})`);
    return 0;
  },
};
