import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../cli/files.ts';
import { replayWeeks } from '../../cli/simulate/weekly-replay.ts';
import { createMemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { policyFactsOf } from '../../shared/alerts/alert-policy-facts.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import { logger } from '../../shared/logger.ts';

/**
 * Issue 13's acceptance over `dtwatch simulate --weeks 20` for each programme (the same replay,
 * on the in-memory store): every series whose first report is overdue is alerted by the first run
 * after it became overdue, and no alert is reminded more than 4 times without new data or change.
 * The sample data has every unit report, so one unit of each programme is made silent (its rows
 * never reach the store): its series must be chased as missing first reports.
 */
const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-simulate-policy-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The unit of the series whose first report falls overdue first: the one made silent. */
function firstOverdueUnit(programme: Programme): string {
  const dated = programme.series.filter((plan) => plan.start !== undefined);
  dated.sort((a, b) => (a.start ?? 0) + a.staleAfterDays - ((b.start ?? 0) + b.staleAfterDays));
  return dated[0]?.unit as string;
}

describe.each(['ha-tinh-nq05', 'nghe-an'])('simulate 20 weeks of %s', (id) => {
  it('chases every overdue first report at once and reminds no unchanged alert more than 4 times', async () => {
    const level = process.env.LOG_LEVEL;
    logger.setLogLevel('WARN');
    const programme = buildProgramme(
      await loadCatalogFile(fileURLToPath(new URL(`../../catalog/${id}.json`, import.meta.url))),
    );
    const silentUnit = firstOverdueUnit(programme);
    const memory = createMemoryStore();
    const store = {
      ...memory,
      putObservations: (p: string, rows: Parameters<typeof memory.putObservations>[1], at: string) =>
        memory.putObservations(
          p,
          rows.filter((row) => row.unit !== silentUnit),
          at,
        ),
    };
    const unalerted: string[] = [];
    let missingSeen = 0;
    await replayWeeks({
      programme,
      catalogPath: `catalog/${id}.json`,
      dataDir: join(workDir, id),
      store,
      from: '2025-01-06',
      weeks: 20,
      runMinute: 8 * 60,
      language: 'vi',
      onWeek: async (row) => {
        const observations = await memory.programmeObservations(programme.id);
        const report = evaluateProgramme(programme, groupBySeries(observations), row.date);
        const open = new Set(
          (await memory.listAlertStates(programme.id))
            .filter((state) => state.state === 'open' && state.kind === 'missing')
            .map((state) => `${state.unit}/${state.indicator}`),
        );
        for (const result of report.results) {
          if (result.status !== 'stale' || result.value !== null) continue;
          missingSeen++;
          if (!open.has(`${result.unit}/${result.indicator}`))
            unalerted.push(`${row.date} ${result.unit}/${result.indicator}`);
        }
      },
    });
    logger.setLogLevel(level === undefined ? 'INFO' : (level as 'INFO'));
    expect(missingSeen).toBeGreaterThan(0);
    expect(unalerted).toEqual([]);
    const states = await memory.listAlertStates(programme.id);
    const quiet = states.map((state) => policyFactsOf(state).quietReminders ?? 0);
    expect(Math.max(...quiet)).toBeLessThanOrEqual(4);
  }, 600_000);
});
