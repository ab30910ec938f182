import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../shared/catalog/catalog-schema.ts';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import {
  type DeploymentConfig,
  isInsideWindow,
  parseDeploymentConfig,
} from '../shared/config/deployment-config.ts';
import { InvalidInputError, type Problem } from '../shared/errors.ts';
import {
  deploymentProblems,
  parseSourcesFile,
  type S3CsvSource,
  type SecretRef,
} from '../shared/sources/source-config.ts';
import { REPO_ROOT } from './repo-root.ts';

/** One programme as deployed: its files (repository-relative) and what synth needs from them. */
export interface DeployedProgramme {
  readonly id: string;
  readonly catalogPath: string;
  readonly sourcesPath?: string;
  readonly catalog: Catalog;
  readonly s3Sources: readonly S3CsvSource[];
  /** Secrets the sources' auth headers come from (SSM parameters, Secrets Manager secrets). */
  readonly secrets: readonly SecretRef[];
}

export interface DeploymentInputs {
  readonly configFile: string;
  readonly config: DeploymentConfig;
  readonly programmes: readonly DeployedProgramme[];
  readonly sourceSecrets: readonly SecretRef[];
}

/**
 * Reads `config/<stage>.json` and the catalog and sources files it names. Every mistake comes out
 * as an InvalidInputError whose problems name the file and the field.
 */
export function loadDeploymentInputs(
  stage: string,
  options: { root?: string; configFile?: string } = {},
): DeploymentInputs {
  const root = options.root ?? REPO_ROOT;
  /** Repository-relative; tests point it at a fixture. */
  const configFile = options.configFile ?? `config/${stage}.json`;
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new InvalidInputError([{ message: `stage "${stage}" must be lower-case letters, digits or "-"` }]);
  }
  const config = parseDeploymentConfig(readRepoFile(root, configFile, configFile), configFile);
  if (config.stage !== stage) {
    throw new InvalidInputError([
      { file: configFile, location: 'stage', message: `must be "${stage}" (the file's name)` },
    ]);
  }

  const problems: Problem[] = [];
  const programmes: DeployedProgramme[] = [];
  for (const [index, entry] of config.programmes.entries()) {
    const at = `programmes[${index}]`;
    const catalog = collect(problems, () =>
      parseCatalog(readRepoFile(root, entry.catalog, configFile, `${at}.catalog`), entry.catalog),
    );
    const sources = entry.sources
      ? collect(problems, () =>
          parseSourcesFile(
            readRepoFile(root, entry.sources as string, configFile, `${at}.sources`),
            entry.sources as string,
          ),
        )
      : undefined;
    if (!catalog) continue;
    if (catalog.programme.id !== entry.id) {
      problems.push({
        file: configFile,
        location: `${at}.id`,
        message: `"${entry.id}" differs from the catalog's programme.id "${catalog.programme.id}"`,
      });
    }
    if (sources && sources.programme !== entry.id) {
      problems.push({
        file: entry.sources,
        location: 'programme',
        message: `"${sources.programme}" differs from the programme "${entry.id}" it is deployed for`,
      });
    }
    const { start, end } = catalog.programme.alerts.quietHours;
    if (isInsideWindow(config.schedules.monitoring.time, start, end)) {
      problems.push({
        file: configFile,
        location: 'schedules.monitoring.time',
        message: `falls inside ${entry.id}'s quiet hours ${start}–${end} (${entry.catalog}): its SMS would never go out`,
      });
    }
    if (sources) problems.push(...deploymentProblems(sources, entry.sources as string));
    const s3Sources = (sources?.sources ?? []).filter(
      (source): source is S3CsvSource => source.kind === 's3-csv',
    );
    for (const [sourceIndex, source] of (sources?.sources ?? []).entries()) {
      if (source.kind === 's3-csv' && source.bucket !== config.inbox.bucketName) {
        problems.push({
          file: entry.sources,
          location: `sources[${sourceIndex}].bucket`,
          message: `must be the deployment's inbox bucket "${config.inbox.bucketName}" (${configFile}: inbox.bucketName), the only bucket the functions may read`,
        });
      }
    }
    programmes.push({
      id: entry.id,
      catalogPath: entry.catalog,
      sourcesPath: entry.sources,
      catalog,
      s3Sources,
      secrets: (sources?.sources ?? []).flatMap((source) =>
        source.kind !== 's3-csv' && source.auth ? [source.auth.secret] : [],
      ),
    });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);

  return {
    configFile,
    config,
    programmes,
    sourceSecrets: programmes.flatMap((programme) => programme.secrets),
  };
}

function readRepoFile(root: string, file: string, referencedFrom: string, location?: string): string {
  const path = join(root, file);
  if (!existsSync(path)) {
    throw new InvalidInputError([
      location
        ? { file: referencedFrom, location, message: `no such file "${file}"` }
        : { file, message: 'no such file' },
    ]);
  }
  return readFileSync(path, 'utf8');
}

function collect<T>(problems: Problem[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidInputError) {
      problems.push(...error.problems);
      return undefined;
    }
    throw error;
  }
}
