import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as z from 'zod';
import { createS3CatalogStore } from '../../shared/adapters/s3-catalog-store.ts';
import { readVersionedCatalog, versionedProgramme } from '../../shared/catalog/catalog-version.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import { jsonOf } from '../../shared/config/runtime-env.ts';
import { ConfigError, InvalidInputError } from '../../shared/errors.ts';
import { oncePerKey } from '../../shared/runtime/memo.ts';
import {
  deploymentProblems,
  parseSourcesFile,
  type SourcesFile,
} from '../../shared/sources/source-config.ts';
import { publishedProgrammes } from '../../shared/use-cases/published-programmes.ts';
import { parseConfig } from '../../shared/zod-problems.ts';

/**
 * The programmes a function serves. Deployed, the catalogs are published in the stage's catalog
 * bucket (DTWATCH_CATALOG_BUCKET, DTWATCH_PROGRAMMES): each run reads the current version, so a
 * catalog published between two runs is used by the next one with no deploy. For `dtwatch invoke`
 * against local files, DTWATCH_CATALOGS maps programme ids to catalog files instead (versioned by
 * their content hash). Sources files are deployment settings: bundled, at repository-relative
 * paths that resolve in `/var/task` as in the repository, read and checked once per container.
 */
export interface ProgrammeFiles {
  readonly programmeIds: readonly string[];
  programme(id: string): Promise<Programme>;
  /** undefined when the programme has no sources file (nothing to pull). */
  sources(id: string): Promise<SourcesFile | undefined>;
}

/** Lambda sets these reserved variables for every function; a configuration cannot unset them. */
export function inLambdaRuntime(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.AWS_LAMBDA_RUNTIME_API || env.AWS_LAMBDA_FUNCTION_NAME);
}

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);
const programmeId = z.string().regex(/^[A-Za-z0-9._-]+$/);
const catalogsEnvironment = z.object({
  DTWATCH_CATALOG_BUCKET: z.preprocess(blankAsUnset, z.string().optional()),
  DTWATCH_PROGRAMMES: z.preprocess(
    blankAsUnset,
    jsonOf(z.array(programmeId).min(1), 'a JSON array of programme ids').optional(),
  ),
  DTWATCH_CATALOGS: z.preprocess(
    blankAsUnset,
    jsonOf(
      z.record(programmeId, z.string().min(1)),
      'a JSON object {"<programme id>": "<catalog path>"}',
    ).optional(),
  ),
});

/** The programmes of this function, from its environment (a ConfigError names what is missing). */
export function deployedProgrammes(
  sources: Readonly<Record<string, string>> = {},
  env: NodeJS.ProcessEnv = process.env,
): ProgrammeFiles {
  const parsed = parseConfig(catalogsEnvironment, env);
  if (parsed.DTWATCH_CATALOG_BUCKET) {
    if (!parsed.DTWATCH_PROGRAMMES) {
      throw new ConfigError(
        'DTWATCH_PROGRAMMES is not set (the programmes published in DTWATCH_CATALOG_BUCKET)',
      );
    }
    const bucket = parsed.DTWATCH_CATALOG_BUCKET;
    const ids = parsed.DTWATCH_PROGRAMMES;
    const current = publishedProgrammes(createS3CatalogStore({ bucket }), `s3://${bucket}`);
    const sourceFile = sourceFiles(sources, env);
    return {
      programmeIds: ids,
      programme: async (id) => current(known(id, ids)),
      sources: async (id) => sourceFile(known(id, ids)),
    };
  }
  if (parsed.DTWATCH_CATALOGS) return programmeFiles(parsed.DTWATCH_CATALOGS, sources, env);
  throw new ConfigError(
    'DTWATCH_CATALOG_BUCKET is not set (nor DTWATCH_CATALOGS, the catalog files of a local invocation)',
  );
}

/** Catalog files by programme id, each read, checked and versioned once per process. */
export function programmeFiles(
  catalogs: Readonly<Record<string, string>>,
  sources: Readonly<Record<string, string>> = {},
  env: NodeJS.ProcessEnv = process.env,
): ProgrammeFiles {
  const ids = Object.keys(catalogs);
  const programmes = oncePerKey(async (path: string) =>
    versionedProgramme(readVersionedCatalog(await readFile(resolve(path)), path)),
  );
  const sourceFile = sourceFiles(sources, env);
  return {
    programmeIds: ids,
    programme: async (id) => programmes(catalogs[known(id, ids)] as string),
    sources: async (id) => sourceFile(known(id, ids)),
  };
}

function known(id: string, ids: readonly string[]): string {
  if (!ids.includes(id)) {
    throw new InvalidInputError([
      { location: 'programme', message: `"${id}" is not deployed here (known: ${ids.join(', ')})` },
    ]);
  }
  return id;
}

function sourceFiles(
  paths: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
): (id: string) => Promise<SourcesFile | undefined> {
  // `dtwatch invoke` runs the same handler locally, where allowHosts reaches a test server.
  const deployed = inLambdaRuntime(env);
  const read = oncePerKey(async (path: string) => {
    const file = parseSourcesFile(await readFile(resolve(path)), path);
    const problems = deployed ? deploymentProblems(file, path) : [];
    if (problems.length > 0) throw new InvalidInputError(problems);
    return file;
  });
  return async (id) => {
    const path = paths[id];
    return path === undefined ? undefined : read(path);
  };
}
