import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { unitsDueAFinalRecord } from '../../shared/domain/final-record.ts';
import { evaluateByPartition } from '../../shared/domain/partitioned-evaluation.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { seriesKey } from '../../shared/domain/series-plan.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import type { Observation } from '../../shared/snapshots/observation-rows.ts';

// Hà Tĩnh has everything that crosses partitions: 210 communes merged into 69 on 2025-07-01,
// whose baselines come from their predecessors, and dissolved units due a final record.
const programme = buildProgramme(
  parseCatalog(readFileSync('catalog/ha-tinh-nq05.json'), 'ha-tinh-nq05.json'),
);
const observations = generateSampleData(programme, { through: '2026-11-28' }).observations;
const units = [...new Set(observations.map((observation) => observation.unit))];

/** The observations dealt into `count` partitions by unit, as a store's shards would hold them. */
function partitioned(assignment: (unit: string) => number, count: number): Observation[][] {
  const partitions = Array.from({ length: count }, () => [] as Observation[]);
  for (const observation of observations) partitions[assignment(observation.unit)]?.push(observation);
  return partitions.filter((partition) => partition.length > 0);
}

async function* stream(partitions: readonly Observation[][]): AsyncIterable<readonly Observation[]> {
  yield* partitions;
}

describe('evaluateByPartition', () => {
  it('judges every series exactly as evaluateProgramme does, however the units are partitioned', async () => {
    const whole = groupBySeries(observations);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.nat(), { minLength: units.length, maxLength: units.length }),
        fc.constantFrom('2025-06-15', '2025-09-30', '2026-11-28'),
        async (count, picks, asOf) => {
          const index = new Map(units.map((unit, position) => [unit, (picks[position] ?? 0) % count]));
          const partitions = partitioned((unit) => index.get(unit) ?? 0, count);
          const { report } = await evaluateByPartition(programme, stream(partitions), asOf);
          expect(report).toEqual(evaluateProgramme(programme, whole, asOf));
        },
      ),
      { numRuns: 12, seed: 18 },
    );
  });

  it('keeps the history of the units asked for, and reports the largest partition it held', async () => {
    const today = '2026-11-28';
    const dissolved = new Set(unitsDueAFinalRecord(programme, today, new Set()));
    expect(dissolved.size).toBeGreaterThan(0);
    const partitions = partitioned((unit) => units.indexOf(unit) % 7, 7);
    const { kept, largestPartition } = await evaluateByPartition(
      programme,
      stream(partitions),
      today,
      dissolved,
    );
    const whole = groupBySeries(observations);
    for (const unit of dissolved) {
      for (const indicator of programme.indicators.keys()) {
        expect(kept.get(seriesKey(unit, indicator))).toEqual(whole.get(seriesKey(unit, indicator)));
      }
    }
    expect(largestPartition).toBe(Math.max(...partitions.map((partition) => partition.length)));
    // Units that are neither asked for nor merged were let go.
    const keptUnits = new Set([...kept.keys()].map((key) => key.split('\u0000')[0]));
    expect(keptUnits.size).toBeLessThan(units.length);
  });

  it('judges a programme with nothing stored as every series missing, like evaluateProgramme', async () => {
    const { report } = await evaluateByPartition(programme, stream([]), '2026-11-28');
    expect(report).toEqual(evaluateProgramme(programme, new Map(), '2026-11-28'));
  });
});
