import { mapConcurrently } from '../runtime/concurrency.ts';

/**
 * Programmes whose daily run is in flight at once: the Map state's MaxConcurrency and the reserved
 * concurrency of the two step functions (infra/constructs/monitoring-run.ts), and the local
 * fan-out of `npm start -- --national-sample` and the bench. Four keeps 34 provinces well inside
 * the two-hour run while the table's on-demand capacity and SNS's publish rate stay unstrained.
 */
export const PROGRAMMES_IN_FLIGHT = 4;

/** The two steps of one programme's daily run, as the state machine invokes them. */
export interface ProgrammeSteps {
  ingest(programme: string): Promise<unknown>;
  evaluateNotify(programme: string): Promise<unknown>;
}

export interface ProgrammeOutcome {
  readonly programme: string;
  readonly outcome: 'ok' | 'failed';
  /** The pull failed: the programme was still evaluated on what the store had. */
  readonly ingestError?: string;
  readonly notifyError?: string;
}

export interface FanOutResult {
  readonly outcomes: readonly ProgrammeOutcome[];
  /** The state machine's verdict: the run fails (and its alarm fires) when any programme failed. */
  readonly anyFailed: boolean;
}

/**
 * The daily run over many programmes, the way the state machine's Map state runs it: at most
 * `concurrency` programmes at once; a failed pull still lets the evaluation run (stale series
 * alert as they should); one programme's failure never stops the others; the verdict at the end.
 */
export async function runEachProgramme(
  programmes: readonly string[],
  steps: ProgrammeSteps,
  options: { concurrency?: number; onOutcome?: (outcome: ProgrammeOutcome) => void } = {},
): Promise<FanOutResult> {
  const outcomes = await mapConcurrently(
    programmes,
    options.concurrency ?? PROGRAMMES_IN_FLIGHT,
    async (programme) => {
      const ingestError = await failureOf(() => steps.ingest(programme));
      const notifyError = await failureOf(() => steps.evaluateNotify(programme));
      const outcome: ProgrammeOutcome = {
        programme,
        outcome: ingestError === undefined && notifyError === undefined ? 'ok' : 'failed',
        ...(ingestError !== undefined && { ingestError }),
        ...(notifyError !== undefined && { notifyError }),
      };
      options.onOutcome?.(outcome);
      return outcome;
    },
  );
  return { outcomes, anyFailed: outcomes.some((outcome) => outcome.outcome === 'failed') };
}

async function failureOf(step: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await step();
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
