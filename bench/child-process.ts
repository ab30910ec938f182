import { spawn } from 'node:child_process';

/**
 * Runs a probe or command to its end and resolves with its stdout (the figures, as JSON). Its
 * stderr is kept for the error when it fails; `forward` sees each stderr line as it comes, and
 * `timeLimitMs` kills a run that would otherwise hold the bench up.
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    forward?: (line: string) => void;
    timeLimitMs?: number;
  },
): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!options.forward) return;
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.forward(line);
    });
    const timer =
      options.timeLimitMs === undefined
        ? undefined
        : setTimeout(() => child.kill('SIGKILL'), options.timeLimitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code === 0) resolve({ stdout });
      else {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
        reject(new Error(`${command} ${args.join(' ')} ${why}:\n${stderr.slice(-4000)}`));
      }
    });
  });
}
