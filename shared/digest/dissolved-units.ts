import type { FinalRecord } from '../domain/final-record.ts';
import type { MilestoneVerdict, SeriesStatus } from '../domain/series-status.ts';
import { emptyCounts } from './league-table.ts';

/** One group of units dissolved on the same day at the same level, with their final figures. */
export interface DissolvedGroup {
  readonly validTo: string;
  readonly level: string;
  readonly units: number;
  /** Statuses of their series as of `validTo`. */
  readonly statusCounts: Readonly<Record<SeriesStatus, number>>;
  /** Verdicts of their milestones as of `validTo` (projections for the later ones). */
  readonly verdictCounts: Readonly<Partial<Record<MilestoneVerdict['verdict'], number>>>;
}

/** A dissolved unit that was behind on some series when it ceased. */
export interface DissolvedBehind {
  readonly unit: string;
  readonly unitName: string;
  readonly validTo: string;
  readonly indicators: readonly string[];
}

/** The digest's "Đơn vị đã giải thể" section: short by design, the records themselves are kept. */
export interface DissolvedSection {
  readonly groups: readonly DissolvedGroup[];
  readonly behind: readonly DissolvedBehind[];
}

export function summariseDissolved(records: readonly FinalRecord[]): DissolvedSection {
  const groups = new Map<string, { group: Omit<DissolvedGroup, 'statusCounts'>; records: FinalRecord[] }>();
  for (const record of records) {
    const key = `${record.validTo}\u0000${record.level}`;
    const entry = groups.get(key) ?? {
      group: { validTo: record.validTo, level: record.level, units: 0, verdictCounts: {} },
      records: [],
    };
    entry.records.push(record);
    groups.set(key, entry);
  }
  return {
    groups: [...groups.values()]
      .map(({ group, records: members }) => {
        const results = members.flatMap((record) => record.results);
        const verdictCounts: Partial<Record<MilestoneVerdict['verdict'], number>> = {};
        for (const milestone of results.flatMap((result) => result.milestones)) {
          verdictCounts[milestone.verdict] = (verdictCounts[milestone.verdict] ?? 0) + 1;
        }
        const counts = emptyCounts();
        for (const result of results) counts[result.status] += 1;
        return { ...group, units: members.length, statusCounts: counts, verdictCounts };
      })
      .sort((a, b) =>
        a.validTo === b.validTo ? (a.level < b.level ? -1 : 1) : a.validTo < b.validTo ? 1 : -1,
      ),
    behind: records
      .map((record) => ({
        unit: record.unit,
        unitName: record.unitName,
        validTo: record.validTo,
        indicators: record.results
          .filter((result) => result.status === 'behind')
          .map((result) => result.indicator),
      }))
      .filter((entry) => entry.indicators.length > 0),
  };
}
