import { RequestCounter } from '../../../shared/adapters/dynamodb/request-counter.ts';
import { TTL_ATTRIBUTE } from '../../../shared/adapters/dynamodb/table-definition.ts';
import { openStore } from '../../../shared/adapters/open-store.ts';
import type { Programme } from '../../../shared/catalog/programme.ts';
import { fixedClock } from '../../../shared/ports/clock.ts';
import type { Notifier } from '../../../shared/ports/notifier.ts';
import type { FetchSource } from '../../../shared/ports/source-fetcher.ts';
import type { SourcesFile } from '../../../shared/sources/source-config.ts';
import { evaluateAndNotify } from '../../../shared/use-cases/evaluate-and-notify.ts';
import { ingestProgramme, ingestSnapshotFile } from '../../../shared/use-cases/ingest.ts';
import { publishDigest } from '../../../shared/use-cases/publish-digest.ts';
import type { FaultCounts, FaultPlan, InjectedFault } from '../../support/fault-proxy.ts';
import type { FaultWorld, Item, PublishedMessage } from './fault-world.ts';

/**
 * The daily pipeline of one programme as the scheduler runs it — pull the sources, take an
 * upload, evaluate and notify, publish the weekly digest — each step retried as a whole while it
 * reports a failure, on a clock that moves on between attempts. After every attempt that reported
 * success, the step's work is compared with the fault-free reference: a difference there is a
 * failure the step swallowed.
 */

export type Step = 'ingest' | 'upload' | 'notify' | 'digest';

export interface PipelineInput {
  readonly world: FaultWorld;
  readonly programme: Programme;
  readonly sources: SourcesFile;
  readonly fetchSource: FetchSource;
  readonly upload: { readonly name: string; readonly bytes: Uint8Array };
  readonly notifier: Notifier;
  /** Every e-mail address of the catalog (to name the recipients of e-mails moto recorded). */
  readonly addresses: readonly string[];
  readonly runKey: string;
  readonly week: string;
  /** Instant of the first attempt. */
  readonly start: number;
}

export interface StepAttempt {
  readonly step: Step;
  readonly attempt: number;
  /** What the attempt reported: a thrown error (`Name: message`) or a source run's error. */
  readonly problems: readonly string[];
  /** Name of the error the attempt threw, if it threw. */
  readonly thrown?: string;
  /** Alert messages another (earlier, unconfirmed) claim holds. */
  readonly busy?: number;
  readonly ms: number;
}

export interface PipelineOutcome {
  readonly name: string;
  readonly attempts: readonly StepAttempt[];
  /** Observation, revision and quarantine items after the ingest and upload steps. */
  readonly stages: Readonly<Record<'ingest' | 'upload', Item[]>>;
  /** Published messages after the notify and digest steps. */
  readonly publishedAfter: Readonly<Record<'notify' | 'digest', PublishedMessage[]>>;
  /** Attempts that reported success without having done all of their work. */
  readonly silentFailures: readonly string[];
  readonly items: readonly Item[];
  readonly messages: readonly PublishedMessage[];
  readonly dynamo: FaultCounts;
  readonly sns: FaultCounts;
  readonly injected: { readonly dynamo: readonly InjectedFault[]; readonly sns: readonly InjectedFault[] };
  /** Requests the SDK sent again on its own (proxy requests minus client calls). */
  readonly dynamoRetries: number;
  readonly snsRetries: number;
  readonly durationMs: number;
}

/** Steps are retried 30 s+ apart by the scheduler; after that a person re-runs them later. */
const RETRY_GAP_MS = 40_000;
const LATER_MS = 300_000;
/** The alert ledger's lease: a claim older than this is taken over. */
const ALERT_LEASE_MS = 120_000;
const MAX_ATTEMPTS = 8;

export const DATA_KINDS = ['OBS', 'REV', 'QUAR'];

export async function runPipeline(
  input: PipelineInput,
  name: string,
  plan: FaultPlan | undefined,
  reference?: PipelineOutcome,
): Promise<PipelineOutcome> {
  const { world, programme, runKey } = input;
  const started = Date.now();
  const table = await world.newTable(`faults-${name}`);
  await world.resetSns();
  for (const proxy of [world.dynamoProxy, world.snsProxy]) {
    proxy.configure(plan);
    proxy.resetCounts();
  }
  const opened = await openStore({ env: { ...process.env, DTWATCH_TABLE: table } });
  const counter = new RequestCounter().attach(opened.client);
  let publishCalls = 0;
  const notifier: Notifier = {
    send: (message) => {
      publishCalls++;
      return input.notifier.send(message);
    },
  };
  const store = opened.store;
  const attempts: StepAttempt[] = [];
  const silentFailures: string[] = [];
  const stages = { ingest: [] as Item[], upload: [] as Item[] };
  const publishedAfter = { notify: [] as PublishedMessage[], digest: [] as PublishedMessage[] };
  let now = input.start;
  const clock = () => fixedClock(new Date(now));
  const dataItems = async () => (await world.scan(table)).filter((item) => isKind(item, DATA_KINDS));
  const published = () => world.published(input.addresses);

  const attempt = async (step: Step, run: () => Promise<{ problems: string[]; busy?: number }>) => {
    const number = attempts.filter((entry) => entry.step === step).length + 1;
    const began = Date.now();
    try {
      const { problems, busy } = await run();
      const ms = Date.now() - began;
      attempts.push({ step, attempt: number, problems, ms, ...(busy !== undefined && { busy }) });
      return problems.length === 0;
    } catch (error) {
      const thrown = error instanceof Error ? error.name : typeof error;
      const problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      attempts.push({ step, attempt: number, problems: [problem], thrown, ms: Date.now() - began });
      return false;
    }
  };
  const untilDone = async (step: Step, run: () => Promise<{ problems: string[]; busy?: number }>) => {
    for (let count = 1; ; count++) {
      if (await attempt(step, run)) return;
      if (count >= MAX_ATTEMPTS) throw new Error(`${name}: ${step} still failing after ${count} attempts`);
      now += count < 3 ? RETRY_GAP_MS : LATER_MS;
    }
  };

  try {
    // A store failure during a pull is recorded in that source's run record (outcome failed or
    // partial, with the error); the other source goes on. The scheduler's next pull repeats it.
    await untilDone('ingest', async () => {
      const report = await ingestProgramme(programme, input.sources, {
        store,
        clock: clock(),
        runKey,
        fetchSource: input.fetchSource,
      });
      const problems = report.sources.flatMap(({ run }) =>
        run.error ? [`${run.source}: ${run.error}`] : [],
      );
      if (problems.length === 0 && reference) {
        expectSame(silentFailures, 'ingest', await dataItems(), reference.stages.ingest);
      }
      return { problems };
    });
    stages.ingest = await dataItems();

    await untilDone('upload', async () => {
      const report = await ingestSnapshotFile(programme, input.upload.bytes, input.upload.name, {
        store,
        clock: clock(),
        runKey,
      });
      const problems = report.run.error ? [report.run.error] : [];
      if (problems.length === 0 && reference) {
        expectSame(silentFailures, 'upload', await dataItems(), reference.stages.upload);
      }
      return { problems };
    });
    stages.upload = await dataItems();

    // A claim whose sender never confirmed it (`busy`) is left alone until its lease has passed.
    let busy = 0;
    do {
      if (busy > 0) now += ALERT_LEASE_MS;
      await untilDone('notify', async () => {
        const counts = await evaluateAndNotify(programme, runKey, { store, notifier, clock: clock() });
        busy = counts.busy;
        if (busy === 0 && reference) {
          expectSameRecipients(silentFailures, 'notify', await published(), reference.publishedAfter.notify);
        }
        return { problems: [], busy };
      });
    } while (busy > 0 && attempts.length < 4 * MAX_ATTEMPTS);
    publishedAfter.notify = await published();

    await untilDone('digest', async () => {
      const result = await publishDigest(programme, input.week, { store, notifier, clock: clock() });
      if (result.outcome !== 'published') silentFailures.push(`digest: outcome ${result.outcome}`);
      if (reference) {
        expectSameRecipients(silentFailures, 'digest', await published(), reference.publishedAfter.digest);
      }
      return { problems: [] };
    });
    publishedAfter.digest = await published();
  } finally {
    await opened.close();
    for (const proxy of [world.dynamoProxy, world.snsProxy]) proxy.configure(undefined);
  }

  const dynamo = world.dynamoProxy.counts();
  const sns = world.snsProxy.counts();
  const logicalRequests = Object.values(counter.counts().requests).reduce((sum, count) => sum + count, 0);
  return {
    name,
    attempts,
    stages,
    publishedAfter,
    silentFailures,
    items: await world.scan(table),
    messages: publishedAfter.digest,
    dynamo,
    sns,
    injected: { dynamo: [...world.dynamoProxy.faults()], sns: [...world.snsProxy.faults()] },
    dynamoRetries: dynamo.requests - logicalRequests,
    snsRetries: (sns.requestsByOperation.Publish ?? 0) - publishCalls,
    durationMs: Date.now() - started,
  };
}

export function isKind(item: Item, kinds: readonly string[]): boolean {
  return kinds.includes(String(item.pk).split('#')[0] ?? '');
}

export function messageKey(message: { channel: string; recipient: string }): string {
  return `${message.channel} ${message.recipient}`;
}

/**
 * A data item without when it was received: a step that failed part-way and ran again later
 * stores the rest of its items at the retry's time (and their expiry from it), which is right.
 * What must match the reference is every key and value, not the clock of the attempt that wrote it.
 */
export function withoutReceiptTimes(item: Item): Item {
  const { r: _r, receivedAt: _receivedAt, [TTL_ATTRIBUTE]: _expiresAt, ...rest } = item;
  return rest;
}

function expectSame(failures: string[], step: string, actual: Item[], expected: Item[]): void {
  const text = (items: Item[]) => new Set(items.map((item) => canonical(withoutReceiptTimes(item))));
  const want = text(expected);
  const have = text(actual);
  const missing = [...want].filter((item) => !have.has(item)).length;
  const extra = [...have].filter((item) => !want.has(item)).length;
  if (missing > 0 || extra > 0) {
    failures.push(`${step} reported success with ${missing} items missing and ${extra} unexpected`);
  }
}

function expectSameRecipients(
  failures: string[],
  step: string,
  actual: readonly PublishedMessage[],
  expected: readonly PublishedMessage[],
): void {
  const have = new Set(actual.map(messageKey));
  const missing = [...new Set(expected.map(messageKey))].filter((key) => !have.has(key));
  if (missing.length > 0) failures.push(`${step} reported success with ${missing.length} messages not sent`);
}

/** JSON with sorted keys, so that equal items compare equal whatever order the attributes came in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
