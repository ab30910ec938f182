import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';
import { BROWSER_TESTS, EMULATOR_TESTS, listedIn } from '../test-tiers.ts';

/** What only the emulator or browser tiers may touch, in a test or anything it imports from tests/. */
const NEEDS_MORE_THAN_NODE =
  /\b(startMoto|startEmbeddedDynamo|openStore|spawn|spawnSync|execFile|execFileSync|fork|runCli|chromium)\s*\(/;

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The file and every file under tests/ it imports, transitively. */
function withTestImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
    const path = resolve(dirname(file), target as string);
    if (relative(join(REPO_ROOT, 'tests'), path).startsWith('..')) continue;
    withTestImports(path, seen);
  }
  return seen;
}

describe('test tiers', () => {
  const all = testFiles(join(REPO_ROOT, 'tests')).map((path) => relative(REPO_ROOT, path));
  const unit = all.filter((path) => !listedIn(EMULATOR_TESTS, path) && !listedIn(BROWSER_TESTS, path));

  it('every listed emulator or browser entry exists', () => {
    for (const entry of [...EMULATOR_TESTS, ...BROWSER_TESTS]) {
      expect(
        all.some((path) => listedIn([entry], path)),
        entry,
      ).toBe(true);
    }
  });

  it('keeps the unit tier free of emulators, child processes and browsers', () => {
    expect(unit.length).toBeGreaterThan(20);
    const offenders = unit.flatMap((path) =>
      [...withTestImports(join(REPO_ROOT, path))]
        .filter((file) => NEEDS_MORE_THAN_NODE.test(readFileSync(file, 'utf8')))
        .map((file) => `${path} (through ${relative(REPO_ROOT, file)})`),
    );
    expect(offenders).toEqual([]);
  });
});
