import { performance } from 'node:perf_hooks';

export interface Timings {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runsMs: readonly number[];
}

/** Runs `work` `warmUp` times untimed, then `runs` times timed. */
export function timeRuns(work: () => unknown, runs: number, warmUp: number): Timings {
  for (let i = 0; i < warmUp; i++) work();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    runsMs.push(performance.now() - start);
  }
  return summariseRuns(runsMs);
}

/** Median, extremes and every run, rounded for the results file. */
export function summariseRuns(runsMs: readonly number[]): Timings {
  const sorted = [...runsMs].sort((a, b) => a - b);
  return {
    medianMs: round(median(runsMs)),
    minMs: round(sorted[0] ?? 0),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    runsMs: runsMs.map((value) => round(value)),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * A figure for the printed summary: thousands separated, one decimal for large values and three
 * for small ones (a ratio of 1.0053 must not print as "1" against a budget of "1.1").
 */
export function formatFigure(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) < 10 ? 3 : 1 });
}
