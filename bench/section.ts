/** One figure checked against the budget the issue sets (all current budgets are upper bounds). */
export interface BenchTarget {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: number;
  readonly met: boolean;
  /** How far over the budget a missed target is, in its unit (absent when met). */
  readonly missedBy?: number;
  /** The same as a share of the budget, e.g. 0.68 for 68% over. */
  readonly missedByShare?: number;
}

export interface SectionOutcome {
  /** Detailed measurements, written under `sections.<name>` in bench/results.json. */
  readonly figures: Record<string, unknown>;
  readonly targets: readonly BenchTarget[];
  /** One or two lines for people, printed under the targets table. */
  readonly highlights?: readonly string[];
}

export interface BenchContext {
  readonly repoRoot: string;
  /** The read-only handout beside the checkout (`../shared`). */
  readonly handoutRoot: string;
  /** Timed runs after the warm-up; the median is reported. */
  readonly runs: number;
  /**
   * Figures of the sections that ran before this one in the same run, by section name (e.g. the
   * cost model reads the request counts the store section measured). With `--only`, the figures
   * of the previous bench/results.json stand in for sections that did not run.
   */
  readonly earlier: Readonly<Record<string, Record<string, unknown>>>;
  /** Progress for people: stderr, never the results table. */
  log(message: string): void;
}

/** A part of the benchmark suite: add one to bench/sections.ts to have `npm run bench` run it. */
export interface BenchSection {
  readonly name: string;
  readonly summary: string;
  run(context: BenchContext): Promise<SectionOutcome>;
}

export function upperBound(name: string, value: number, unit: string, target: number): BenchTarget {
  if (value < target) return { name, value, unit, target, met: true };
  const over = value - target;
  return {
    name,
    value,
    unit,
    target,
    met: false,
    missedBy: Math.round(over * 1000) / 1000,
    missedByShare: Math.round((over / target) * 1000) / 1000,
  };
}
