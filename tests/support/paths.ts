import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The handout beside the checkout (`../shared`). */
export const HANDOUT = resolve(REPO_ROOT, '..', 'shared');
export const SPEC_EXAMPLES = resolve(HANDOUT, 'spec', 'examples');

export function handoutPresent(): boolean {
  return existsSync(SPEC_EXAMPLES);
}
