import { spawn, spawnSync } from 'node:child_process';
import { captureChildOutput } from './log-capture.ts';
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
  captureChildOutput(`dtwatch ${args.join(' ')}`, result.stdout, result.stderr);
  return { status: result.status, stdout: result.stdout, stderr: stripNpmNoise(result.stderr) };
}

/** runCli without blocking this process: for a CLI that talks to a server the test itself runs. */
export function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'dtwatch', '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (status) => {
      captureChildOutput(`dtwatch ${args.join(' ')}`, stdout, stderr);
      resolve({ status, stdout, stderr: stripNpmNoise(stderr) });
    });
  });
}

/** npm's own configuration warnings are not the program's output. */
function stripNpmNoise(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('npm warn'))
    .join('\n');
}
