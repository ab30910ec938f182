import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AlertStateRecord } from '../../shared/alerts/alert-state.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { buildDigest } from '../../shared/digest/build-digest.ts';
import type { Digest } from '../../shared/digest/digest.ts';
import type { DigestRecord } from '../../shared/digest/digest-record.ts';
import { isoWeekDates, parseIsoWeek } from '../../shared/digest/iso-week.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { REPO_ROOT } from '../support/paths.ts';

/**
 * The Hà Tĩnh programme (907 series, old and new communes) with the project's deterministic SAMPLE data (monthly since
 * 2021-11, i.e. five years), digested for 2026-W47, with alerts derived from the evaluation so
 * every section of the report has content. For the size and browser checks.
 */
export function haTinhDigest(): { programme: Programme; digest: Digest } {
  const file = resolve(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');
  const programme = buildProgramme(parseCatalog(readFileSync(file), file));
  const week = parseIsoWeek('2026-W47') ?? { year: 2026, week: 47 };
  const sunday = isoWeekDates(week).sunday;
  const history = groupBySeries(generateSampleData(programme, { through: sunday }).observations);
  const results = evaluateProgramme(programme, history, sunday).results;
  const alertStates: AlertStateRecord[] = results
    .filter((result) => result.status === 'behind' || result.status === 'stale')
    .map((result, index) => {
      const openedAt = new Date(Date.parse('2026-11-21T03:00:00Z') - index * 3 * 86_400_000).toISOString();
      const escalated = index % 7 === 3;
      return {
        programme: programme.id,
        unit: result.unit,
        indicator: result.indicator,
        kind: result.status === 'stale' ? 'stale' : 'behind',
        state: 'open',
        openedAt,
        escalationLevel: escalated ? 1 : 0,
        history: [
          { at: openedAt, event: 'opened' },
          ...(escalated ? [{ at: '2026-11-18T02:00:00.000Z', event: 'escalated' }] : []),
        ],
      };
    });
  const previous: DigestRecord = {
    programme: programme.id,
    week: '2026-W46',
    createdAt: '2026-11-16T01:00:00.000Z',
    statusCounts: { no_data: 2, stale: 1, achieved: 90, on_track: 45, at_risk: 22, behind: 81 },
    unitScores: Object.fromEntries(
      results.map((result, index) => [result.unit, index % 5 === 0 ? 0.34 : index % 5 === 1 ? 0.67 : 0.5]),
    ),
  };
  const digest = buildDigest({
    programme,
    week,
    results,
    history,
    previous,
    alertStates,
    acknowledgements: alertStates.slice(0, 6).map((state, index) => ({
      programme: programme.id,
      unit: state.unit,
      indicator: state.indicator,
      until: index < 2 ? '2026-11-10' : '2026-12-15',
      note: 'Bổ sung cán bộ đầu mối và hoàn thành số hóa hồ sơ trong tháng 12',
      by: 'Chủ tịch UBND',
      createdAt: '2026-11-01T02:00:00.000Z',
    })),
    sourceRuns: [
      {
        programme: programme.id,
        source: 'so-khcn-sheet',
        startedAt: '2026-11-20T01:00:00.000Z',
        finishedAt: '2026-11-20T01:00:05.000Z',
        outcome: 'partial',
        rowsOk: 60,
        rowsRejected: 3,
        rowsUnchanged: 0,
      },
    ],
    quarantinedRows: 3,
  });
  return { programme, digest };
}
