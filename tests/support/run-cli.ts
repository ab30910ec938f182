import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './paths.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as scripts do: `npm run -s dtwatch -- …` from the repository root. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync('npm', ['run', '-s', 'dtwatch', '--', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: stripNpmNoise(result.stderr) };
}

/** npm's own configuration warnings are not the program's output. */
function stripNpmNoise(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('npm warn'))
    .join('\n');
}
