import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../shared/catalog/catalog-schema.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { buildScorecard } from '../../shared/domain/scorecard.ts';
import { scorecardMilestones } from '../../shared/domain/scorecard-targets.ts';
import { programmeOf } from './catalog-fixtures.ts';
import { reorganisedCatalog } from './reorganisation-fixtures.ts';

type Target = Indicator['targets'][number];

function indicator(targets: Target[]): Indicator {
  return { id: 'x', name: 'X', direction: 'increase', targets } as Indicator;
}

const OLD_COMMUNES: Target = {
  level: 'commune',
  validTo: '2025-06-30',
  milestones: [
    { date: '2025-12-31', value: 60 },
    { date: '2030-12-31', value: 85 },
  ],
};
const NEW_COMMUNES: Target = {
  level: 'commune',
  validFrom: '2025-07-01',
  milestones: [
    { date: '2025-12-31', value: 65 },
    { date: '2030-12-31', value: 90 },
  ],
};
const PROVINCE: Target = { level: 'province', milestones: [{ date: '2025-12-31', value: 80 }] };

describe('the scorecard counts each target once (one per level × milestone date)', () => {
  it('two plans of one level across the 1 July 2025 reorganisation give one target per date, valued by the plan in force on asOf', () => {
    const listed = scorecardMilestones(indicator([PROVINCE, OLD_COMMUNES, NEW_COMMUNES]), '2026-11-29');
    expect(listed).toEqual([
      { level: 'province', date: '2025-12-31', value: 80 },
      { level: 'commune', date: '2025-12-31', value: 65 },
      { level: 'commune', date: '2030-12-31', value: 90 },
    ]);
    // Before the reorganisation the old communes' plan is the one in force.
    expect(scorecardMilestones(indicator([OLD_COMMUNES, NEW_COMMUNES]), '2025-03-01')).toEqual([
      { level: 'commune', date: '2025-12-31', value: 60 },
      { level: 'commune', date: '2030-12-31', value: 85 },
    ]);
  });

  it('with no plan in force on asOf, the one that ended last; a milestone only one plan has still counts', () => {
    const early: Target = {
      level: 'commune',
      validTo: '2023-12-31',
      milestones: [{ date: '2025-12-31', value: 1 }],
    };
    const late: Target = {
      level: 'commune',
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
      milestones: [
        { date: '2025-12-31', value: 2 },
        { date: '2024-06-30', value: 3 },
      ],
    };
    expect(scorecardMilestones(indicator([late, early]), '2026-01-01')).toEqual([
      { level: 'commune', date: '2025-12-31', value: 2 },
      { level: 'commune', date: '2024-06-30', value: 3 },
    ]);
  });

  it('property: the (level, date) pairs are exactly the catalog’s, each once', () => {
    const dates = fc.constantFrom('2024-12-31', '2025-12-31', '2030-12-31');
    const target = fc.record({
      level: fc.constantFrom('province', 'commune'),
      window: fc.constantFrom<[string | undefined, string | undefined]>(
        [undefined, undefined],
        [undefined, '2025-06-30'],
        ['2025-07-01', undefined],
      ),
      milestones: fc.uniqueArray(fc.record({ date: dates, value: fc.integer({ min: 0, max: 100 }) }), {
        minLength: 1,
        maxLength: 3,
        selector: (milestone) => milestone.date,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(target, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('2025-03-01', '2026-11-29'),
        (drawn, asOf) => {
          const targets = drawn.map(({ level, window: [validFrom, validTo], milestones }) => ({
            level,
            ...(validFrom && { validFrom }),
            ...(validTo && { validTo }),
            milestones,
          })) as Target[];
          const listed = scorecardMilestones(indicator(targets), asOf).map((m) => `${m.level} ${m.date}`);
          const expected = new Set(targets.flatMap((t) => t.milestones.map((m) => `${t.level} ${m.date}`)));
          expect(listed).toHaveLength(expected.size);
          expect(new Set(listed)).toEqual(expected);
        },
      ),
    );
  });

  it('buildScorecard: the reorganised communes’ target appears once and the headline counts it once', () => {
    const programme = programmeOf(reorganisedCatalog());
    const history = groupBySeries([]);
    const asOf = '2026-01-20';
    const results = evaluateProgramme(programme, history, asOf).results;
    const card = buildScorecard({ programme, results, history, asOf });
    expect(card.targets.map((target) => `${target.indicator} ${target.level} ${target.date}`)).toEqual([
      'work-records-online commune 2025-12-31',
    ]);
    expect(card.years).toEqual([{ year: '2025', met: 0, pending: 0, targets: 1 }]);
  });
});
