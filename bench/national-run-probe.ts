/**
 * Runs in a fresh process (bundled by bench/end-to-end.ts): one national monitoring run on a new
 * embedded store, through the same use-cases as the scheduled run and `npm start`. 34 provincial
 * CSV exports are pulled over loopback HTTP (ingest), the programme is evaluated and the heads
 * alerted through the outbox (evaluate + notify), and the weekly digest is rendered (digest).
 * Prints one JSON document on stdout; progress and logs go to stderr.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLocalReportPublisher } from '../shared/adapters/local-report-publisher.ts';
import { openStore } from '../shared/adapters/open-store.ts';
import { createOutboxNotifier } from '../shared/adapters/outbox-notifier.ts';
import { routeLogsToStderr } from '../shared/logger.ts';
import { fixedClock } from '../shared/ports/clock.ts';
import { createSourceFetcher } from '../shared/sources/fetch-source.ts';
import { createHttpFetcher } from '../shared/sources/http-fetcher.ts';
import { createSecretResolver } from '../shared/sources/secret-resolver.ts';
import { sourcesFileSchema } from '../shared/sources/source-config.ts';
import { evaluateAndNotify } from '../shared/use-cases/evaluate-and-notify.ts';
import { ingestProgramme } from '../shared/use-cases/ingest.ts';
import { publishDigest } from '../shared/use-cases/publish-digest.ts';
import { nationalDataset } from './national-dataset.ts';
import { benchNationalProgramme } from './national-programme.ts';
import { round } from './timing.ts';

const [adminUnitsFile, dataDir] = process.argv.slice(2);
if (!adminUnitsFile || !dataDir) throw new Error('usage: national-run-probe <admin-units.json> <data-dir>');
routeLogsToStderr();
const progress = (text: string) => process.stderr.write(`end-to-end: national: ${text}\n`);
const peakRssMb = () => round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024, 1);
// The process also runs the embedded DynamoDB worker: the main thread's own heap, sampled, is
// closer to what a Lambda function running the same use-case would hold.
let mainHeapPeakBytes = 0;
const heapSampler = setInterval(() => {
  mainHeapPeakBytes = Math.max(mainHeapPeakBytes, process.memoryUsage().heapUsed);
}, 250);
heapSampler.unref();

const dataset = nationalDataset(await readFile(adminUnitsFile, 'utf8'));
const { programme, provinceOf } = benchNationalProgramme(dataset);

// Each province publishes one CSV export; generated before the clock starts (it is the source's work).
progress('generating the 34 provincial exports…');
const prepareStart = performance.now();
const chunks = new Map<string, Buffer[]>();
let current = '';
let rows: string[] = [];
const flush = () => {
  if (rows.length === 0) return;
  const list = chunks.get(current) ?? [Buffer.from('unit,indicator,date,value\n')];
  list.push(Buffer.from(`${rows.join('\n')}\n`));
  chunks.set(current, list);
  rows = [];
};
let generated = 0;
for (const observation of dataset.observations()) {
  const province = provinceOf.get(observation.unit) ?? '';
  if (province !== current) {
    flush();
    current = province;
  }
  rows.push(`${observation.unit},${observation.indicator},${observation.date},${observation.value}`);
  generated++;
}
flush();
const exports = new Map([...chunks].map(([province, list]) => [province, Buffer.concat(list)]));
chunks.clear();
const exportBytes = [...exports.values()].reduce((sum, bytes) => sum + bytes.length, 0);
const prepareMs = performance.now() - prepareStart;

const server = createServer((request, response) => {
  const match = /^\/exports\/(P[0-9A-Za-z]+)\.csv$/.exec(request.url ?? '');
  const body = match ? exports.get(match[1] as string) : undefined;
  if (!body) response.writeHead(404).end();
  else response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const sources = sourcesFileSchema.parse({
  programme: programme.id,
  allowHosts: ['127.0.0.1'],
  sources: [...exports.keys()].map((province) => ({
    id: `export-${province.toLowerCase()}`,
    kind: 'http-csv',
    url: `${baseUrl}/exports/${province}.csv`,
  })),
});

// Noon in Viet Nam: clear of the SMS quiet hours; the week before is complete for the digest.
const clock = fixedClock(`${dataset.asOf}T05:00:00Z`);
const runKey = dataset.asOf;
const opened = await openStore({ dataDir });
const timings: Record<string, number> = {};
const cpuSeconds: Record<string, number> = {};
const cpuSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / 1e6, 1);
};
const peaks: Record<string, number> = { beforeIngest: peakRssMb() };
let messages = 0;
let sourcesStored = 0;
try {
  progress(`ingest: ${sources.sources.length} sources, ${generated.toLocaleString('en-US')} rows…`);
  let started = performance.now();
  let cpu = process.cpuUsage();
  const ingest = await ingestProgramme(programme, sources, {
    store: opened.store,
    clock,
    runKey,
    onProgress: (done, total) => {
      if (done < total || ++sourcesStored % 10 !== 0) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      progress(`ingest: ${sourcesStored} of ${sources.sources.length} exports stored after ${seconds} s`);
    },
    fetchSource: createSourceFetcher({
      http: createHttpFetcher({ policy: { allowHosts: sources.allowHosts ?? [] } }),
      secrets: createSecretResolver(),
    }),
  });
  timings.ingest = performance.now() - started;
  cpuSeconds.ingest = cpuSince(cpu);
  peaks.ingest = peakRssMb();

  progress('evaluate + notify (outbox)…');
  const outbox = createOutboxNotifier({
    dataDir,
    report: () => {
      messages++;
    },
  });
  started = performance.now();
  cpu = process.cpuUsage();
  // The run reads and judges the partitions first, then alerts: the moment the last partition has
  // been read splits its time into evaluate (read + judge) and notify (alerts, messages, records).
  let evaluatedAt = Number.NaN;
  const store = new Proxy(opened.store, {
    get(target, property) {
      if (property === 'observationPartitions') {
        return (id: string) =>
          markEnd(target.observationPartitions(id), () => {
            evaluatedAt = performance.now();
          });
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const notify = await evaluateAndNotify(programme, runKey, { store, notifier: outbox, clock });
  timings.evaluateNotify = performance.now() - started;
  timings.evaluate = evaluatedAt - started;
  timings.notify = timings.evaluateNotify - timings.evaluate;
  cpuSeconds.evaluateNotify = cpuSince(cpu);
  peaks.evaluateNotify = peakRssMb();

  progress('digest…');
  started = performance.now();
  cpu = process.cpuUsage();
  const digest = await publishDigest(programme, undefined, {
    store: opened.store,
    notifier: outbox,
    clock,
    reportPublisher: createLocalReportPublisher(join(dataDir, 'digest')),
  });
  timings.digest = performance.now() - started;
  cpuSeconds.digest = cpuSince(cpu);
  peaks.digest = peakRssMb();

  const outboxFiles = (await readdir(outbox.directory)).length;
  process.stdout.write(
    `${JSON.stringify({
      communes: dataset.communes,
      indicators: dataset.indicators,
      series: dataset.series,
      rows: generated,
      sources: sources.sources.length,
      exportBytes,
      prepareMs: round(prepareMs),
      asOf: dataset.asOf,
      phasesMs: Object.fromEntries(Object.entries(timings).map(([phase, ms]) => [phase, round(ms)])),
      ingest: ingest.totals,
      notify,
      digest: {
        week: digest.week,
        outcome: digest.outcome,
        recipients: digest.recipients,
        sent: digest.sent,
      },
      cpuSeconds,
      messagesWritten: messages,
      outboxFiles,
      peakRssMbAfter: peaks,
      mainHeapPeakMb: round(mainHeapPeakBytes / 1024 / 1024, 1),
    })}\n`,
  );
} finally {
  clearInterval(heapSampler);
  await opened.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function* markEnd<T>(items: AsyncIterable<T>, onEnd: () => void): AsyncIterable<T> {
  yield* items;
  onEnd();
}
