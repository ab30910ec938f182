/**
 * Runs in a fresh process (bundled by bench/end-to-end.ts) as the evaluate-notify function does
 * in Lambda: the store is a DynamoDB endpoint outside this process (DTWATCH_TABLE and
 * AWS_ENDPOINT_URL: the bench's dynalite holding the national run's data), so the process's peak
 * RSS is the function's own. One alert run of the national programme, the day after the national
 * run (its alerts open, reminders not yet due), messages counted and dropped.
 * Arguments: <admin-units.json> <as-of YYYY-MM-DD>. Prints one JSON document on stdout.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { openStore } from '../shared/adapters/open-store.ts';
import { routeLogsToStderr } from '../shared/logger.ts';
import { fixedClock } from '../shared/ports/clock.ts';
import { evaluateAndNotify } from '../shared/use-cases/evaluate-and-notify.ts';
import { nationalDataset } from './national-dataset.ts';
import { benchNationalProgramme } from './national-programme.ts';
import { round } from './timing.ts';

const [adminUnitsFile, asOf] = process.argv.slice(2);
if (!adminUnitsFile || !asOf) throw new Error('usage: evaluate-notify-probe <admin-units.json> <as-of>');
routeLogsToStderr();
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
let heapPeak = 0;
const sampler = setInterval(() => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}, 100);
sampler.unref();

const startRssMb = mb(process.memoryUsage().rss);
const { programme } = benchNationalProgramme(nationalDataset(await readFile(adminUnitsFile, 'utf8')));
const programmeRssMb = mb(process.resourceUsage().maxRSS * 1024);
const opened = await openStore();
let messages = 0;
try {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const counts = await evaluateAndNotify(
    programme,
    asOf,
    {
      store: opened.store,
      notifier: {
        async send() {
          messages++;
          return { messageId: `bench-${messages}` };
        },
      },
      clock: fixedClock(`${asOf}T05:00:00Z`),
    },
    { leaseSeconds: 0 },
  );
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({
      asOf,
      series: programme.series.length,
      ms: round(performance.now() - started),
      cpuSeconds: round((used.user + used.system) / 1e6, 1),
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      startRssMb,
      afterCatalogRssMb: programmeRssMb,
      heapPeakMb: mb(heapPeak),
      messages,
      counts,
    })}\n`,
  );
} finally {
  clearInterval(sampler);
  await opened.close();
}
