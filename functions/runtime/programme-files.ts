import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { InvalidInputError } from '../../shared/errors.ts';
import { oncePerKey } from '../../shared/runtime/memo.ts';
import {
  deploymentProblems,
  parseSourcesFile,
  type SourcesFile,
} from '../../shared/sources/source-config.ts';

/**
 * The catalogs and sources files deployed with a function. The CDK app copies them into the
 * bundle at their repository-relative paths, so the same relative path resolves in `/var/task`
 * and, for `dtwatch invoke`, in the repository. Each file is read and checked once per container.
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

export function programmeFiles(
  catalogs: Readonly<Record<string, string>>,
  sources: Readonly<Record<string, string>> = {},
  env: NodeJS.ProcessEnv = process.env,
): ProgrammeFiles {
  // `dtwatch invoke` runs the same handler locally, where allowHosts reaches a test server.
  const deployed = inLambdaRuntime(env);
  const checked = (file: SourcesFile, path: string): SourcesFile => {
    const problems = deployed ? deploymentProblems(file, path) : [];
    if (problems.length > 0) throw new InvalidInputError(problems);
    return file;
  };
  const programmes = oncePerKey(async (path: string) =>
    buildProgramme(parseCatalog(await readFile(resolve(path)), path)),
  );
  const sourceFiles = oncePerKey(async (path: string) =>
    checked(parseSourcesFile(await readFile(resolve(path)), path), path),
  );
  const known = (id: string, paths: Readonly<Record<string, string>>, what: string): string => {
    const path = paths[id];
    if (path === undefined && what === 'catalog') {
      throw new InvalidInputError([
        {
          location: 'programme',
          message: `"${id}" is not deployed here (known: ${Object.keys(catalogs).join(', ')})`,
        },
      ]);
    }
    return path as string;
  };
  return {
    programmeIds: Object.keys(catalogs),
    programme(id) {
      return programmes(known(id, catalogs, 'catalog'));
    },
    async sources(id) {
      known(id, catalogs, 'catalog');
      const path = sources[id];
      return path === undefined ? undefined : sourceFiles(path);
    },
  };
}
