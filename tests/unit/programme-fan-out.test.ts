import { describe, expect, it } from 'vitest';
import { type ProgrammeSteps, runEachProgramme } from '../../shared/use-cases/programme-fan-out.ts';

const PROGRAMMES = Array.from({ length: 34 }, (_, index) => `province-${String(index + 1).padStart(2, '0')}`);

/** Steps that record what ran, fail where told, and count how many programmes were in flight. */
function recordingSteps(failIngest: Set<string>, failNotify: Set<string>) {
  const evaluated: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const step = async (programme: string, fails: Set<string>, what: string) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    if (fails.has(programme)) throw new Error(`${what} of ${programme} failed`);
  };
  const steps: ProgrammeSteps = {
    ingest: (programme) => step(programme, failIngest, 'pull'),
    async evaluateNotify(programme) {
      await step(programme, failNotify, 'alert run');
      evaluated.push(programme);
    },
  };
  return { steps, evaluated, mostInFlight: () => mostInFlight };
}

describe('runEachProgramme (the Map state of the daily run)', () => {
  it('runs every programme although some fail, and fails the run at the end', async () => {
    const recorded = recordingSteps(new Set(['province-03']), new Set(['province-07', 'province-20']));
    const result = await runEachProgramme(PROGRAMMES, recorded.steps, { concurrency: 4 });
    expect(result.anyFailed).toBe(true);
    expect(result.outcomes.map((outcome) => outcome.programme)).toEqual(PROGRAMMES);
    const failed = result.outcomes.filter((outcome) => outcome.outcome === 'failed');
    expect(failed.map((outcome) => outcome.programme)).toEqual(['province-03', 'province-07', 'province-20']);
    expect(failed[0]?.ingestError).toBe('Error: pull of province-03 failed');
    expect(failed[1]?.notifyError).toBe('Error: alert run of province-07 failed');
    // A failed pull still evaluates what the store has; the others all went through.
    expect(recorded.evaluated).toContain('province-03');
    expect(new Set(recorded.evaluated).size).toBe(PROGRAMMES.length - 2);
  });

  it('keeps at most the given number of programmes in flight, and uses them', async () => {
    const recorded = recordingSteps(new Set(), new Set());
    const result = await runEachProgramme(PROGRAMMES, recorded.steps, { concurrency: 4 });
    expect(result.anyFailed).toBe(false);
    expect(recorded.mostInFlight()).toBe(4);
  });
});
