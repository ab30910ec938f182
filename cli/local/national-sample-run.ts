import { openStore } from '../../shared/adapters/open-store.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { NotifyCounts } from '../../shared/use-cases/evaluate-and-notify.ts';
import {
  type FanOutResult,
  type ProgrammeOutcome,
  runEachProgramme,
} from '../../shared/use-cases/programme-fan-out.ts';
import { alertAndPublish, type CycleOptions, pullSampleSources } from './monitoring-cycle.ts';
import { nationalSampleProgrammes } from './national-sample-programmes.ts';

export interface NationalSampleRun extends FanOutResult {
  readonly programmes: readonly Programme[];
  /** The alert run of each programme that got that far. */
  readonly notify: ReadonlyMap<string, NotifyCounts>;
}

/**
 * `npm start -- --national-sample`: the 34 provincial SAMPLE programmes (shared/sample/
 * national-sample.ts) in one embedded store, fanned out as the deployed state machine does it
 * (runEachProgramme: a few programmes at once, a failure stopping none of the others), each
 * through the same pull and alert steps as the one-programme cycle.
 */
export async function runNationalSample(options: {
  readonly dataDir: string;
  readonly clock: Clock;
  /** Province codes to run (default all). */
  readonly provinces?: readonly string[];
  /** Each programme as it finishes (the reader's words are the caller's). */
  readonly progress: (outcome: ProgrammeOutcome) => void;
}): Promise<NationalSampleRun> {
  const programmes = await nationalSampleProgrammes(options.provinces);
  const byId = new Map(programmes.map((programme) => [programme.id, programme]));
  const cycleOf = (id: string): CycleOptions => ({
    programme: byId.get(id) as Programme,
    catalogPath: `catalog/national-sample/${id}.json`,
    dataDir: options.dataDir,
    clock: options.clock,
    progress: () => undefined,
    onMessage: () => undefined,
  });
  const notify = new Map<string, NotifyCounts>();
  const opened = await openStore({ dataDir: options.dataDir });
  try {
    const result = await runEachProgramme(
      programmes.map((programme) => programme.id),
      {
        ingest: (id) => pullSampleSources(cycleOf(id), opened),
        async evaluateNotify(id) {
          notify.set(id, (await alertAndPublish(cycleOf(id), opened)).notify);
        },
      },
      {
        onOutcome: options.progress,
      },
    );
    return { ...result, programmes, notify };
  } finally {
    await opened.close();
  }
}
