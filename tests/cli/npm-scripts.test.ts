import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

const scripts = (
  JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** `--no-x` is the negation of the option `--x`. */
function optionsOf(script: string): string[] {
  return [...script.matchAll(/(?:^|\s)--(?:no-)?([a-z][a-z-]*)/g)].map((match) => `--${match[1]}`);
}

describe('npm run diff passes cdk diff only options it knows', () => {
  it('every option of the script is one `cdk diff --help` lists (else cdk warns "Unknown option(s)")', () => {
    const script = scripts.diff ?? '';
    expect(script).toContain('cdk diff');
    const help = spawnSync('npx', ['cdk', 'diff', '--help'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
    });
    expect(help.status).toBe(0);
    const known = new Set(
      optionsOf(
        help.stdout
          .split('\n')
          .map((line) => line.trim().split(/\s{2,}/)[0] ?? '')
          .join(' '),
      ),
    );
    expect(known.has('--notices')).toBe(true);
    for (const option of optionsOf(script.slice(script.indexOf('cdk diff')))) {
      expect(known, `${option} in "npm run diff"`).toContain(option);
    }
  });
});
