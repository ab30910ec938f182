import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../../support/paths.ts';

export interface CycleBundle {
  /** The bundled child program (ESM). */
  readonly file: string;
  remove(): Promise<void>;
}

/**
 * Bundles the cycle child once, so that each crash run costs a plain `node` start instead of tsx
 * compiling the project again. dynalite stays outside: the embedded store resolves it from the
 * bundle's location, which is why the bundle lives under the repository's node_modules/.cache.
 */
export async function buildCycleBundle(): Promise<CycleBundle> {
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const folder = await mkdtemp(join(cache, 'dtwatch-crash-'));
  const file = join(folder, 'cycle.mjs');
  await build({
    entryPoints: [join(REPO_ROOT, 'tests', 'reliability', 'support', 'cycle-entry.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['dynalite'],
    // ESM entry points first, as the Lambda bundles: jsonc-parser's UMD main requires its parts dynamically.
    mainFields: ['module', 'main'],
    // CommonJS packages inside an ESM bundle still call require().
    banner: {
      js: "import { createRequire as crashRequire } from 'node:module'; const require = crashRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return { file, remove: () => rm(folder, { recursive: true, force: true }) };
}
