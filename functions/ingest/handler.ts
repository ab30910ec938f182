import { openStore } from '../../shared/adapters/open-store.ts';
import {
  addIngestMetrics,
  consecutiveFailures,
  createRunMetrics,
} from '../../shared/adapters/run-metrics.ts';
import { ingestEnv, parseRuntimeEnv } from '../../shared/config/runtime-env.ts';
import { logger } from '../../shared/logger.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { once } from '../../shared/runtime/memo.ts';
import { createSourceFetcher } from '../../shared/sources/fetch-source.ts';
import { createHttpFetcher } from '../../shared/sources/http-fetcher.ts';
import { createSecretResolver } from '../../shared/sources/secret-resolver.ts';
import { ingestProgramme } from '../../shared/use-cases/ingest.ts';
import { deployedProgrammes } from '../runtime/programme-files.ts';
import { dailyRunKey, parseEvent, scheduledRunEvent } from '../runtime/scheduled-event.ts';

/** First step of the daily run: pull every source of one programme into the store. */

const env = parseRuntimeEnv(ingestEnv);
const files = deployedProgrammes(env.DTWATCH_SOURCES);
const metrics = createRunMetrics();
/** Enough history to see a streak past the alarm's threshold. */
const STREAK_LOOKBACK = 5;
const store = once(async () => (await openStore()).store);

export interface IngestResult {
  readonly programme: string;
  readonly runKey: string;
  readonly sources: number;
  readonly rowsOk: number;
  readonly rowsRejected: number;
  readonly rowsUnchanged: number;
  readonly failedSources: number;
}

export async function handler(event: unknown): Promise<IngestResult> {
  const request = parseEvent(scheduledRunEvent, event, 'ingest event');
  const programme = await files.programme(request.programme);
  const runKey = dailyRunKey(request, programme.timezone, systemClock.now());
  logger.appendKeys({ programme: programme.id, runKey });
  const sources = await files.sources(programme.id);
  if (!sources || sources.sources.length === 0) {
    logger.info('no sources to pull');
    return {
      programme: programme.id,
      runKey,
      sources: 0,
      rowsOk: 0,
      rowsRejected: 0,
      rowsUnchanged: 0,
      failedSources: 0,
    };
  }
  // One fetcher per run: the secret resolver caches auth values for this run only.
  const fetchSource = createSourceFetcher({
    http: createHttpFetcher({ policy: { allowHosts: sources.allowHosts ?? [] } }),
    secrets: createSecretResolver(),
  });
  const runStore = await store();
  const report = await ingestProgramme(programme, sources, {
    store: runStore,
    clock: systemClock,
    runKey,
    fetchSource,
  });
  logger.info('pull finished', { totals: report.totals });
  // A failing source never fails the run; its streak of failed runs is what the alarm watches.
  const streaks = await Promise.all(
    report.sources
      .filter((source) => source.run.outcome === 'failed')
      .map(async (source) =>
        consecutiveFailures(
          await runStore.listSourceRuns(programme.id, { source: source.run.source, limit: STREAK_LOOKBACK }),
        ),
      ),
  );
  addIngestMetrics(metrics, { ...report.totals, longestFailureStreak: Math.max(0, ...streaks) });
  metrics.publishStoredMetrics();
  return { programme: programme.id, runKey, sources: report.sources.length, ...report.totals };
}
