import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The worked examples of the evaluation contract, copied into the repository (data carries over). */
export const SPEC_EXAMPLES = resolve(REPO_ROOT, 'tests', 'fixtures', 'spec-examples');
