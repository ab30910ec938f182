import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../support/paths.ts';
import { type CrashPhase, markersIn } from './crash-markers.ts';

/** Where a kill is aimed: `delayMs` after the child printed the marker of `after` ('start': spawned). */
export interface KillPlan {
  readonly after: Exclude<CrashPhase, 'done'>;
  readonly delayMs: number;
}

export interface ChildRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last phase marker the parent had read when it sent SIGKILL; undefined: not killed. */
  readonly killedIn?: CrashPhase;
  /** Outbox messages the child had reported written when it was killed (or in all). */
  readonly messages: number;
  /** Milliseconds from spawn to each phase marker. */
  readonly phaseAt: Partial<Record<CrashPhase, number>>;
  readonly stderr: string;
  /** Still running after `hangAfterMs`: killed by the harness, not by the plan. */
  readonly hung: boolean;
}

export interface CycleChildOptions {
  readonly bundle: string;
  readonly dataDir: string;
  readonly programme: string;
  readonly asOf: string;
  readonly kill?: KillPlan;
  /** A child still running after this long is killed and reported as hung (default 60 s). */
  readonly hangAfterMs?: number;
}

/** Runs the cycle child to its end, or SIGKILLs it at the planned point. */
export function runCycleChild(options: CycleChildOptions): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [options.bundle, options.dataDir, options.programme, options.asOf, REPO_ROOT],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  const phaseAt: Partial<Record<CrashPhase, number>> = { start: 0 };
  let phase: CrashPhase = 'start';
  let messages = 0;
  let killedIn: CrashPhase | undefined;
  let killedWith = 0;
  let stderr = '';
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  let hung = false;
  const watchdog = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, options.hangAfterMs ?? 60_000);

  const aim = () => {
    if (!options.kill) return;
    timer = setTimeout(() => {
      killedIn = phase;
      killedWith = messages;
      child.kill('SIGKILL');
    }, options.kill.delayMs);
  };
  if (options.kill?.after === 'start') aim();

  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const marker of markersIn(lines.join('\n'))) {
      if (marker === 'message') {
        messages++;
        continue;
      }
      phase = marker.replace(/^phase /, '') as CrashPhase;
      phaseAt[phase] = performance.now() - started;
      if (options.kill && options.kill.after === phase) aim();
    }
  });

  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      const killed = signal === 'SIGKILL' && killedIn !== undefined;
      resolve({
        status,
        signal,
        ...(killed && { killedIn }),
        messages: killed ? killedWith : messages,
        phaseAt,
        stderr,
        hung,
      });
    });
  });
}
