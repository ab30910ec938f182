import { describe, expect, it } from 'vitest';
import { InMemoryFinalRecords } from '../../shared/adapters/memory/memory-final-records.ts';
import { buildDigest } from '../../shared/digest/build-digest.ts';
import { renderDigestHtml } from '../../shared/digest/render-html.ts';
import { renderDigestText } from '../../shared/digest/render-text.ts';
import { finalRecordOf, unitsDueAFinalRecord } from '../../shared/domain/final-record.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { recordDissolvedUnits } from '../../shared/use-cases/record-dissolved-units.ts';
import { programmeOf } from './catalog-fixtures.ts';
import { reorganisedCatalog } from './reorganisation-fixtures.ts';

const programme = programmeOf(reorganisedCatalog());
// Nam Hà: 30 on 2022-01-31, 40 and 45 in 2025; Bắc Hà: 50 on 2024-12-31 only (stale by mid-2025).
const history = groupBySeries([
  { unit: 'pre2025-18073', indicator: 'work-records-online', date: '2022-01-31', value: 30 },
  { unit: 'pre2025-18073', indicator: 'work-records-online', date: '2025-01-31', value: 40 },
  { unit: 'pre2025-18073', indicator: 'work-records-online', date: '2025-06-30', value: 45 },
  { unit: 'pre2025-18073', indicator: 'work-records-online', date: '2025-07-31', value: 99 },
  { unit: 'pre2025-18077', indicator: 'work-records-online', date: '2024-12-31', value: 50 },
]);
const AT = '2025-07-02T01:00:00.000Z';

describe('final record of a dissolved unit', () => {
  it('is due once validTo has passed, for units with series and no record', () => {
    expect(unitsDueAFinalRecord(programme, '2025-06-30', new Set())).toEqual([]);
    expect(unitsDueAFinalRecord(programme, '2025-07-01', new Set())).toEqual([
      'pre2025-18073',
      'pre2025-18077',
    ]);
    expect(unitsDueAFinalRecord(programme, '2026-01-01', new Set(['pre2025-18073']))).toEqual([
      'pre2025-18077',
    ]);
  });

  it('holds the statuses and verdicts as of validTo, as the engine gives them that day', () => {
    const record = finalRecordOf(programme, 'pre2025-18073', history, AT);
    const asOfThatDay = evaluateProgramme(programme, history, '2025-06-30').results.find(
      (result) => result.unit === 'pre2025-18073',
    );
    expect(record).toMatchObject({
      unit: 'pre2025-18073',
      unitName: 'Phường Nam Hà',
      level: 'commune',
      validTo: '2025-06-30',
      recordedAt: AT,
    });
    expect(record.results).toEqual([asOfThatDay]);
    // The 2025-12-31 milestone (60) is projected from 40 → 45 over 150 days: about 51, unlikely.
    expect(record.results[0]).toMatchObject({ status: 'behind', value: 45, date: '2025-06-30' });
    expect(record.results[0]?.milestones[0]).toMatchObject({ verdict: 'unlikely' });
    expect(finalRecordOf(programme, 'pre2025-18077', history, AT).results[0]?.status).toBe('stale');
  });

  it('a unit still valid has no final record', () => {
    expect(() => finalRecordOf(programme, '18073', history, AT)).toThrow('unit "18073" has no validTo');
  });

  it('the daily step writes each record once (idempotent)', async () => {
    const store = new InMemoryFinalRecords();
    expect(await recordDissolvedUnits(programme, history, '2025-07-01', new Date(AT), store)).toBe(2);
    expect(await recordDissolvedUnits(programme, history, '2025-07-02', new Date(AT), store)).toBe(0);
    const kept = await store.listFinalRecords('reorg');
    expect(kept.map((record) => record.unit)).toEqual(['pre2025-18073', 'pre2025-18077']);
    expect(await store.listFinalRecords('other')).toEqual([]);
  });

  it('the digest has a short "Đơn vị đã giải thể" section with the final figures', async () => {
    const records = [
      finalRecordOf(programme, 'pre2025-18073', history, AT),
      finalRecordOf(programme, 'pre2025-18077', history, AT),
    ];
    const input = {
      programme,
      week: { year: 2025, week: 28 },
      results: evaluateProgramme(programme, history, '2025-07-13').results,
      history,
      alertStates: [],
      acknowledgements: [],
      sourceRuns: [],
      quarantinedRows: 0,
    };
    const digest = buildDigest({ ...input, finalRecords: records });
    expect(digest.dissolved.groups).toEqual([
      {
        validTo: '2025-06-30',
        level: 'commune',
        units: 2,
        statusCounts: { no_data: 0, stale: 1, achieved: 0, on_track: 0, at_risk: 0, behind: 1 },
        verdictCounts: { unlikely: 1, unknown: 1 },
      },
    ]);
    expect(digest.dissolved.behind).toEqual([
      {
        unit: 'pre2025-18073',
        unitName: 'Phường Nam Hà',
        validTo: '2025-06-30',
        indicators: ['work-records-online'],
      },
    ]);
    const text = renderDigestText(digest, { language: 'vi' });
    expect(text).toContain('== Đơn vị đã giải thể ==');
    expect(text).toContain('chậm tiến độ 1');
    expect(text).toContain('  - Phường Nam Hà (pre2025-18073): work-records-online');
    expect(renderDigestHtml(digest, { language: 'en' })).toContain('<h2>Dissolved units</h2>');
    const none = buildDigest(input);
    expect(renderDigestText(none, { language: 'vi' })).not.toContain('Đơn vị đã giải thể');
  });
});
