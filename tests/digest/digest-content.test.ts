import { describe, expect, it } from 'vitest';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { buildDigest, digestRecordOf } from '../../shared/digest/build-digest.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { SUNDAY, scenarioCatalog, scenarioInput, scenarioObservations } from './digest-scenario.ts';

describe('buildDigest on the fixed scenario (2026-W10)', () => {
  const digest = buildDigest(scenarioInput());

  it('places the week in the programme time zone', () => {
    expect(digest.week).toBe('2026-W10');
    expect(digest.asOf).toBe(SUNDAY);
    expect(digest.window).toEqual({
      monday: '2026-03-02',
      sunday: '2026-03-08',
      start: '2026-03-01T17:00:00.000Z',
      end: '2026-03-08T17:00:00.000Z',
    });
  });

  it('counts series per status with the change since last week', () => {
    expect(digest.headline.totalSeries).toBe(12);
    expect(digest.headline.counts).toEqual([
      { status: 'no_data', count: 1, change: 0 },
      { status: 'stale', count: 1, change: 1 },
      { status: 'achieved', count: 1, change: 0 },
      { status: 'on_track', count: 5, change: 1 },
      { status: 'at_risk', count: 2, change: 0 },
      { status: 'behind', count: 2, change: -2 },
    ]);
    expect(digest.comparedWithLastWeek).toBe(true);
  });

  it('ranks units per level: score, then fewer behind, then smaller shortfall, then id', () => {
    expect(digest.league.map((level) => level.level)).toEqual(['province', 'commune']);
    const communes = digest.league[1]?.rows ?? [];
    // C3 and C5 are identical (tie down to the shortfall): the id decides. C4 has a larger
    // shortfall (its stale series), C2 has a series behind.
    expect(communes.map((row) => [row.rank, row.unit, row.score])).toEqual([
      [1, 'C1', 1],
      [2, 'C3', 0.5],
      [3, 'C5', 0.5],
      [4, 'C4', 0.5],
      [5, 'C2', 0.5],
    ]);
    const c3 = communes[1];
    expect(c3?.shortfall).toBeCloseTo(62.4247 - 61, 3);
    expect(communes[3]?.shortfall).toBeCloseTo(100 * (730 / 1095) - 50, 3);
    expect(communes[4]?.counts.behind).toBe(1);
    expect(communes.some((row) => row.unit === 'C6')).toBe(false);
    expect(digest.league[0]?.rows.map((row) => [row.unit, row.score, row.series])).toEqual([['P', 0, 2]]);
  });

  it('reports movers against last week’s scores', () => {
    const communes = digest.league[1];
    expect(communes?.movers.up.map((row) => [row.unit, row.change])).toEqual([['C1', 0.5]]);
    expect(communes?.movers.down.map((row) => [row.unit, row.change])).toEqual([['C2', -0.5]]);
    const c5 = communes?.rows.find((row) => row.unit === 'C5');
    expect(c5?.previousScore).toBeNull();
    expect(c5?.change).toBeNull();
    expect(digest.league[0]?.movers).toEqual({ up: [], down: [] });
  });

  it('gives every league row a year of scores ending with this week’s', () => {
    for (const row of digest.league.flatMap((level) => level.rows)) {
      expect(row.trend).toHaveLength(13);
      expect(row.trend.at(-1)).toBe(row.score);
    }
  });

  it('summarises the week’s alerts by their history', () => {
    const { alerts } = digest;
    expect(alerts.opened.map((event) => [event.unit, event.indicator])).toEqual([['C2', 'skills']]);
    expect(alerts.escalated.map((event) => [event.unit, event.indicator, event.escalationLevel])).toEqual([
      ['P', 'online', 1],
    ]);
    // The superseded alert of C1 is not a resolution.
    expect(alerts.resolved.map((event) => [event.unit, event.indicator])).toEqual([['C3', 'online']]);
    expect(alerts.openAtEnd).toBe(3);
    expect(alerts.openByAge.map((bucket) => [bucket.fromDays, bucket.toDays, bucket.count])).toEqual([
      [0, 7, 1],
      [7, 30, 1],
      [30, 90, 1],
      [90, null, 0],
    ]);
  });

  it('lists acknowledgements in force and those past their due date', () => {
    const { alerts } = digest;
    expect(alerts.acknowledgements.map((item) => [item.unit, item.indicator, item.until])).toEqual([
      ['C2', 'skills', '2026-03-31'],
    ]);
    expect(alerts.acknowledgements[0]?.outstanding).toBe(1);
    expect(
      alerts.overdue.map((item) => [item.unit, item.indicator, item.daysOverdue, item.outstanding]),
    ).toEqual([['C3', undefined, 7, 1]]);
  });

  it('counts milestone verdicts per indicator, level and date', () => {
    const rows = digest.milestones.map((m) => ({
      key: `${m.indicator}/${m.level}/${m.date}`,
      past: m.past,
      target: m.target,
      series: m.series,
      verdicts: m.verdicts,
    }));
    expect(rows.map((row) => row.key)).toEqual([
      'online/province/2025-12-31',
      'online/province/2027-12-31',
      'online/commune/2025-12-31',
      'online/commune/2027-12-31',
      'skills/province/2026-12-31',
      'skills/commune/2026-12-31',
    ]);
    expect(rows[0]).toMatchObject({ past: true, target: 80, series: 1, verdicts: { met: 0, missed: 1 } });
    expect(rows[2]).toMatchObject({
      past: true,
      target: 60,
      series: 5,
      verdicts: { met: 2, missed: 3, unknown: 0 },
    });
    expect(rows[3]?.past).toBe(false);
    const future = rows[3]?.verdicts;
    expect((future?.likely ?? 0) + (future?.unlikely ?? 0) + (future?.unknown ?? 0)).toBe(5);
    expect(rows[4]).toMatchObject({ past: false, series: 1, verdicts: { unknown: 1 } });
  });

  it('reports data health', () => {
    expect(digest.dataHealth.stale).toEqual([
      {
        unit: 'C4',
        unitName: 'Xã Bốn',
        indicator: 'skills',
        indicatorName: 'Kỹ năng số',
        lastDate: '2025-12-31',
        daysSince: 67,
      },
    ]);
    expect(digest.dataHealth.noData.map((item) => [item.unit, item.indicator])).toEqual([['P', 'skills']]);
    expect(digest.dataHealth.failingSources).toEqual([
      {
        source: 'sheet-a',
        outcome: 'failed',
        finishedAt: '2026-03-06T02:00:00.000Z',
        rowsRejected: 0,
        error: 'HTTP 503',
      },
    ]);
    expect(digest.dataHealth.quarantinedRows).toBe(4);
  });

  it('draws each indicator from the province series, required line through the milestones', () => {
    const online = digest.trajectories.find((chart) => chart.indicator === 'online');
    expect(online?.scope).toEqual({ kind: 'unit', unit: 'P', unitName: 'Tỉnh Thử' });
    expect(online?.required).toEqual([
      { date: '2024-01-01', value: 40 },
      { date: '2025-12-31', value: 80 },
      { date: '2027-12-31', value: 100 },
    ]);
    expect(online?.actual.map((point) => point.value)).toEqual([60, 72, 75]);
    expect(online?.milestones.map((m) => [m.date, m.verdict])).toEqual([
      ['2025-12-31', 'missed'],
      ['2027-12-31', expect.stringMatching(/likely|unlikely|unknown/)],
    ]);
    expect(online?.status).toBe('behind');
  });

  it('falls back to the mean of a level when the top unit has no series for an indicator', () => {
    const catalog = scenarioCatalog();
    const skills = catalog.indicators.find((indicator) => indicator.id === 'skills');
    if (skills) skills.targets = skills.targets.filter((target) => target.level === 'commune');
    const programme = buildProgramme(catalog);
    const chart = buildDigest(scenarioInput(programme)).trajectories.find((c) => c.indicator === 'skills');
    expect(chart?.scope).toEqual({ kind: 'level-mean', level: 'commune', units: 5 });
    // 2026-02: C1 80, C2 60, C3 73, C5 73 (C4 did not report).
    expect(chart?.actual.at(-1)).toEqual({ date: '2026-02-28', value: (80 + 60 + 73 + 73) / 4 });
    expect(chart?.actual[0]).toEqual({ date: '2025-06-30', value: (50 + 40 + 50 + 40 + 50) / 5 });
  });

  it('builds the heat-map in league order, one cell per indicator', () => {
    expect(digest.heatmap.indicators.map((indicator) => indicator.id)).toEqual(['online', 'skills']);
    expect(digest.heatmap.rows.map((row) => [row.unit, ...row.cells])).toEqual([
      ['P', 'behind', 'no_data'],
      ['C1', 'on_track', 'on_track'],
      ['C3', 'at_risk', 'on_track'],
      ['C5', 'at_risk', 'on_track'],
      ['C4', 'achieved', 'stale'],
      ['C2', 'on_track', 'behind'],
    ]);
  });

  it('records what next week compares against', () => {
    const record = digestRecordOf(digest, '2026-03-09T01:00:00.000Z', 's3://bucket/key');
    expect(record).toEqual({
      programme: 'demo',
      week: '2026-W10',
      createdAt: '2026-03-09T01:00:00.000Z',
      reportLocation: 's3://bucket/key',
      statusCounts: { no_data: 1, stale: 1, achieved: 1, on_track: 5, at_risk: 2, behind: 2 },
      unitScores: { P: 0, C1: 1, C3: 0.5, C5: 0.5, C4: 0.5, C2: 0.5 },
    });
  });

  it('shows no changes and no movers without last week’s digest', () => {
    const first = buildDigest(scenarioInput(undefined, { previous: undefined }));
    expect(first.comparedWithLastWeek).toBe(false);
    expect(first.headline.counts.every((count) => count.change === null)).toBe(true);
    expect(
      first.league.every((level) => level.movers.up.length === 0 && level.movers.down.length === 0),
    ).toBe(true);
  });

  it('uses the evaluation it is given (the engine’s own results)', () => {
    const programme = buildProgramme(scenarioCatalog());
    const results = evaluateProgramme(programme, groupBySeries(scenarioObservations()), SUNDAY).results;
    expect(results).toHaveLength(12);
  });
});
