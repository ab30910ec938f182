import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSampleSource } from '../../cli/local/sample-source-server.ts';
import { DynamoStore } from '../../shared/adapters/dynamodb/dynamo-store.ts';
import { openStore } from '../../shared/adapters/open-store.ts';
import { recipientAttributeValue } from '../../shared/adapters/sns-email-routing.ts';
import { catalogSchema } from '../../shared/catalog/catalog-schema.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { type Clock, fixedClock } from '../../shared/ports/clock.ts';
import type { LedgerEntry, Store } from '../../shared/ports/store.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { createSourceFetcher } from '../../shared/sources/fetch-source.ts';
import { createHttpFetcher } from '../../shared/sources/http-fetcher.ts';
import { createSecretResolver } from '../../shared/sources/secret-resolver.ts';
import { sourcesFileSchema } from '../../shared/sources/source-config.ts';
import {
  evaluateAndNotify,
  NotificationDeliveryError,
  type NotifyCounts,
} from '../../shared/use-cases/evaluate-and-notify.ts';
import { ingestProgramme } from '../../shared/use-cases/ingest.ts';
import { publishDigest } from '../../shared/use-cases/publish-digest.ts';
import type { FaultCounts, FaultPlan, InjectedFault } from '../support/fault-proxy.ts';
import { REPO_ROOT } from '../support/paths.ts';
import {
  canonical,
  DATA_KINDS,
  isKind,
  messageKey,
  type PipelineInput,
  type PipelineOutcome,
  runPipeline,
  withoutReceiptTimes,
} from './support/fault-pipeline.ts';
import {
  ACCOUNT,
  EMAIL_TOPIC_PREFIX,
  EMAIL_TOPIC_SHARDS,
  type FaultWorld,
  type Item,
  type PublishedMessage,
  startFaultWorld,
} from './support/fault-world.ts';

/**
 * Fault injection against the real emulators. The product's own adapters — openStore with
 * DTWATCH_TABLE, the SNS notifier, both with the SDK's default retry settings as deployed — reach
 * dynalite and moto only through a proxy that throttles, answers 5xx, leaves batch items
 * unprocessed, answers late and drops connections before or after the emulator applied the
 * request. The daily pipeline (pull, upload, notify, digest) runs under those faults, each step
 * retried as the scheduler would, and is compared with a fault-free reference run.
 *
 * The one duplicate the design allows (docs/alerts.md, "Remaining window"): SNS accepted a
 * message but the sender never learned it — the Publish answer was lost (the SDK or the next
 * attempt publishes again), or the ledger could not be marked and a later attempt took the claim
 * over after its lease. Every duplicate seen must be explained by a fault injected in exactly that
 * window, for that recipient.
 */

// Monday 09:00 in Hà Tĩnh: outside the quiet hours, and week 2025-W47 has ended.
const START = Date.parse('2025-11-24T02:00:00Z');
const RETRY_GAP_MS = 40_000;
const ALERT_LEASE_MS = 120_000;

let world: FaultWorld;
let input: PipelineInput;
let closeSource: () => Promise<void>;
let reference: PipelineOutcome;

beforeAll(async () => {
  world = await startFaultWorld();
  // The notifier's SNS client is built once, at import, from the settings the world just set.
  const sns = await import('../../shared/adapters/sns-notifier.ts');
  const notifier = sns.createSnsNotifier(
    sns.readSnsNotifierConfig({
      DTWATCH_EMAIL_TOPIC_ARN_PREFIX: `arn:aws:sns:us-east-1:${ACCOUNT}:${EMAIL_TOPIC_PREFIX}`,
      DTWATCH_EMAIL_TOPIC_SHARDS: String(EMAIL_TOPIC_SHARDS),
    }),
  );
  const programme = await haTinhWithCommittee();
  const dataset = generateSampleData(programme, { through: '2025-11-24', from: '2025-01-01' });
  const source = await startSampleSource(programme, dataset);
  closeSource = source.close;
  input = {
    world,
    programme,
    sources: sourcesFileSchema.parse({
      programme: programme.id,
      allowHosts: ['127.0.0.1'],
      sources: [
        { id: 'agencies-api', kind: 'http-json', url: `${source.baseUrl}${source.paths.json}` },
        { id: 'communes-export', kind: 'http-csv', url: `${source.baseUrl}${source.paths.csv}` },
      ],
    }),
    fetchSource: createSourceFetcher({
      http: createHttpFetcher({ policy: { allowHosts: ['127.0.0.1'] } }),
      secrets: createSecretResolver(),
    }),
    upload: { name: 'corrections.csv', bytes: corrections(dataset.observations) },
    notifier,
    addresses: contactAddresses(programme),
    runKey: '2025-11-24',
    week: '2025-W47',
    start: START,
  };
  reference = await runPipeline(input, 'reference', undefined);
  report(reference);
});

afterAll(async () => {
  await closeSource?.();
  await world?.stop();
});

describe('the daily pipeline under seeded faults on every DynamoDB and SNS request', () => {
  it('reference run: no fault, one attempt per step', () => {
    expect(reference.attempts.map((attempt) => `${attempt.step}:${attempt.problems.length}`)).toEqual([
      'ingest:0',
      'upload:0',
      'notify:0',
      'digest:0',
    ]);
    expect(reference.items.filter((item) => isKind(item, ['REV'])).length).toBeGreaterThan(10);
    expect(reference.messages.length).toBeGreaterThan(40);
    expect(duplicates(reference).size).toBe(0);
  });

  const scenarios = [
    { seed: 11, rate: 0.1 },
    { seed: 12, rate: 0.1 },
    { seed: 13, rate: 0.3 },
  ];
  for (const { seed, rate } of scenarios) {
    it(`seed ${seed}, ${rate * 100}% faulted: same data, every message, duplicates only in the window`, async () => {
      const outcome = await runPipeline(input, `seed-${seed}`, everyFault(seed, rate), reference);
      report(outcome);
      expect(outcome.dynamo.faultTotal).toBeGreaterThan(0);
      expect(outcome.sns.faultTotal).toBeGreaterThan(0);
      expectSameResult(outcome);
      expectOnlyWindowDuplicates(outcome);
    });
  }
});

describe('one fault at each step of the ledger protocol (claim, publish, mark), in one alert run', () => {
  // Three recipients, three faults: the claim of A is applied but its answer lost; the Publish to
  // B reaches SNS but its answer is lost; the mark of C fails on every SDK attempt.
  let recipients: { claim: string; publish: string; mark: string };
  let failure: unknown;
  let retries: NotifyCounts[];
  let afterFirstRun: PublishedMessage[];
  let published: PublishedMessage[];
  let ledger: LedgerEntry[];

  beforeAll(async () => {
    const sms = reference.publishedAfter.notify.filter((message) => message.channel === 'sms');
    const [claim, publish, mark] = sms.map((message) => message.recipient);
    recipients = { claim: claim ?? '', publish: publish ?? '', mark: mark ?? '' };
    const rules: FaultPlan['rules'] = [
      {
        operations: ['PutItem'],
        match: names(`sms#${recipients.claim}`),
        rate: 1,
        kinds: ['drop-after'],
        limit: 1,
      },
      { operations: ['Publish'], match: names(recipients.publish), rate: 1, kinds: ['drop-after'], limit: 1 },
      // The client's default of 4 attempts, all failed.
      {
        operations: ['UpdateItem'],
        match: names(`sms#${recipients.mark}`),
        rate: 1,
        kinds: ['server-error'],
        limit: 4,
      },
    ];
    await onReferenceData('ledger-protocol', rules, async (store) => {
      const deps = { store, notifier: input.notifier };
      failure = await evaluateAndNotify(input.programme, input.runKey, { ...deps, clock: at(0) }).then(
        () => undefined,
        (error: unknown) => error,
      );
      afterFirstRun = await world.published(input.addresses);
      // The scheduler's retry, then a run after the lease of C's unconfirmed claim.
      retries = [];
      for (const later of [RETRY_GAP_MS, RETRY_GAP_MS + ALERT_LEASE_MS]) {
        retries.push(await evaluateAndNotify(input.programme, input.runKey, { ...deps, clock: at(later) }));
      }
      expect(world.dynamoProxy.counts().faults).toMatchObject({ 'drop-after': 1, 'server-error': 4 });
      expect(world.snsProxy.counts().faults).toMatchObject({ 'drop-after': 1 });
      published = await world.published(input.addresses);
      ledger = await store.listNotifications(input.programme.id, input.runKey);
    });
  });

  const copiesTo = (recipient: string) =>
    published.filter((message) => message.recipient === recipient).length;

  it('a claim whose answer was lost is recognised as the sender’s own: published once, in the first run', () => {
    expect(afterFirstRun.filter((message) => message.recipient === recipients.claim)).toHaveLength(1);
    expect(copiesTo(recipients.claim)).toBe(1);
    expect(ledger.find((entry) => entry.recipient === recipients.claim)?.state).toBe('sent');
  });

  it('a Publish whose answer was lost is the only message sent twice (the documented window)', () => {
    expect(copiesTo(recipients.publish)).toBe(2);
    const twice = keysOf(published).filter((key, index, all) => all.indexOf(key) !== index);
    expect(twice).toEqual([`sms ${recipients.publish}`]);
    expect([...new Set(keysOf(published))]).toEqual(keysOf(reference.publishedAfter.notify));
  });

  it('a ledger mark that keeps failing fails the run (NotificationDeliveryError); no later run resends it', () => {
    expect(failure).toBeInstanceOf(NotificationDeliveryError);
    expect((failure as NotificationDeliveryError).failed).toBe(1);
    expect((failure as Error).cause).toBeInstanceOf(DynamoDBServiceException);
    expect(retries.map((counts) => counts.sent)).toEqual([
      { sms: 0, email: 0 },
      { sms: 0, email: 0 },
    ]);
    expect(copiesTo(recipients.mark)).toBe(1);
    expect(ledger.filter((entry) => entry.state === 'pending').map((entry) => entry.recipient)).toEqual([
      recipients.mark,
    ]);
  });
});

describe('single faults elsewhere', () => {
  it('the digest: a lost claim answer still sends each e-mail once and records the week once', async () => {
    const rules: FaultPlan['rules'] = [{ operations: ['PutItem'], rate: 1, kinds: ['drop-after'], limit: 1 }];
    await onReferenceData('lost-digest-claim', rules, async (store, table) => {
      const deps = { store, notifier: input.notifier, clock: at(0) };
      const first = await publishDigest(input.programme, input.week, deps);
      expect(world.dynamoProxy.counts().faults['drop-after']).toBe(1);
      expect(first).toMatchObject({ outcome: 'published', sent: 4, alreadySent: 0 });
      const again = await publishDigest(input.programme, input.week, { ...deps, clock: at(RETRY_GAP_MS) });
      expect(again).toMatchObject({ outcome: 'already-published', sent: 0 });
      const committee = input.programme.catalog.programme.steeringCommittee.map(
        (member) => `email ${member.email}`,
      );
      expect(keysOf(await world.published(input.addresses))).toEqual(committee.sort());
      expect((await world.scan(table)).filter((item) => isKind(item, ['DIGEST']))).toHaveLength(1);
    });
  });

  it('batch writes the service keeps failing are recorded as failed source runs; the next pull stores everything', async () => {
    await onTable(
      'refused-writes',
      [],
      [{ operations: ['BatchWriteItem'], rate: 1, kinds: ['server-error'] }],
      async (store, table) => {
        const pull = () =>
          ingestProgramme(input.programme, input.sources, {
            store,
            clock: at(0),
            fetchSource: input.fetchSource,
          });
        const failed = await pull();
        expect(failed.sources.map(({ run }) => run.outcome)).toEqual(['failed', 'failed']);
        for (const { run } of failed.sources)
          expect(run.error).toMatch(/storing failed: \d+ of \d+ items could not be written/);
        world.dynamoProxy.configure(undefined);
        const next = await pull();
        expect(next.sources.map(({ run }) => run.error)).toEqual([undefined, undefined]);
        const data = (await world.scan(table)).filter((item) => isKind(item, DATA_KINDS)).map(canonical);
        expect(data).toEqual(reference.stages.ingest.map(canonical));
      },
    );
  });

  it('answers held past the client timeout: the SDK resends writes that were applied, and they land once', async () => {
    // The proxy holds each faulted answer until the client hangs up, so the client always times
    // out on those and never on a timer race. At most HELD faults, fewer than the client's
    // attempts, so no single write can exhaust its retries whatever order the requests come in.
    const HELD = 4;
    const client = new DynamoDBClient({
      endpoint: world.dynamoProxy.endpoint,
      maxAttempts: HELD + 2,
      requestHandler: { requestTimeout: 1_000, throwOnRequestTimeout: true },
    });
    const table = await world.newTable('faults-timeouts');
    const store = new DynamoStore({
      client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
      tableName: table,
    });
    world.dynamoProxy.resetCounts();
    world.dynamoProxy.configure({
      seed: 5,
      rules: [{ operations: ['BatchWriteItem', 'PutItem'], rate: 0.5, kinds: ['held'], limit: HELD }],
    });
    try {
      const report = await ingestProgramme(input.programme, input.sources, {
        store,
        clock: at(0),
        fetchSource: input.fetchSource,
      });
      expect(report.sources.map(({ run }) => run.error)).toEqual([undefined, undefined]);
      const counts = world.dynamoProxy.counts();
      expect(counts.faults.held).toBe(HELD);
      // Every held write reached the emulator and its client gave up on it: resent, applied once.
      expect(counts.abandoned).toBe(HELD);
    } finally {
      world.dynamoProxy.configure(undefined);
      client.destroy();
    }
    const data = (await world.scan(table)).filter((item) => isKind(item, DATA_KINDS)).map(canonical);
    expect(data).toEqual(reference.stages.ingest.map(canonical));
  });
});

/** Runs `work` on a new table holding `items`, with faults by `rules` on both proxies. */
async function onTable(
  name: string,
  items: readonly Item[],
  rules: FaultPlan['rules'],
  work: (store: Store, table: string) => Promise<void>,
): Promise<void> {
  const table = await world.newTable(`faults-${name}`);
  await world.copyInto(table, items);
  await world.resetSns();
  for (const proxy of [world.dynamoProxy, world.snsProxy]) {
    proxy.resetCounts();
    proxy.configure({ seed: 1, rules });
  }
  const opened = await openStore({ env: { ...process.env, DTWATCH_TABLE: table } });
  try {
    await work(opened.store, table);
  } finally {
    for (const proxy of [world.dynamoProxy, world.snsProxy]) proxy.configure(undefined);
    await opened.close();
  }
}

/** The reference's data after the upload (observations, revisions, quarantine), faults on. */
function onReferenceData(
  name: string,
  rules: FaultPlan['rules'],
  work: (store: Store, table: string) => Promise<void>,
): Promise<void> {
  return onTable(name, reference.stages.upload, rules, work);
}

function at(offsetMs: number): Clock {
  return fixedClock(new Date(START + offsetMs));
}

/** Matches request bodies that carry `text`, as JSON or form-encoded. */
function names(text: string): (body: string) => boolean {
  return (body) => body.includes(text) || body.includes(encodeURIComponent(text));
}

function keysOf(messages: readonly PublishedMessage[]): string[] {
  return messages.map(messageKey).sort();
}

// ── faults and invariants ───────────────────────────────────────────────────────────────────────

function everyFault(seed: number, rate: number): FaultPlan {
  return {
    seed,
    rules: [
      { rate, kinds: ['throttle', 'server-error', 'unprocessed', 'slow', 'drop-before', 'drop-after'] },
    ],
    slowMs: 100,
  };
}

/** Attributes that differ between runs by design (the clock moves on between attempts) left out. */
function comparable(item: Item): unknown {
  const { pk, sk } = item;
  if (isKind(item, ['ALERT'])) {
    const record = item.record as Record<string, unknown>;
    const pending = (record.pending ?? []) as { id: string }[];
    return { pk, sk, state: record.state, level: record.escalationLevel, pending: pending.map((n) => n.id) };
  }
  if (isKind(item, ['DIGEST'])) {
    const { createdAt: _createdAt, ...record } = item.record as Record<string, unknown>;
    return { pk, sk, record };
  }
  if (isKind(item, ['NOTE'])) return { pk, sk, state: item.state };
  return withoutReceiptTimes(item);
}

function expectSameResult(outcome: PipelineOutcome): void {
  expect(outcome.silentFailures).toEqual([]);
  const of = (items: readonly Item[], kinds: string[]) =>
    items.filter((item) => isKind(item, kinds)).map((item) => canonical(comparable(item)));
  // Observations, revisions, quarantine: the reference's items, attribute for attribute.
  expect(of(outcome.items, DATA_KINDS)).toEqual(of(reference.items, DATA_KINDS));
  expect(of(outcome.items, ['ALERT'])).toEqual(of(reference.items, ['ALERT']));
  // One digest record for the week, the reference's content.
  expect(of(outcome.items, ['DIGEST'])).toEqual(of(reference.items, ['DIGEST']));
  // Every message of the reference, with the reference's text.
  const bodies = new Map(reference.messages.map((message) => [messageKey(message), message.body]));
  expect([...new Set(outcome.messages.map(messageKey))].sort()).toEqual([...bodies.keys()].sort());
  for (const message of outcome.messages) expect(message.body).toBe(bodies.get(messageKey(message)));
  // A run that leaves messages to another claim ("busy") only follows an attempt that failed.
  outcome.attempts.forEach((attempt, index) => {
    if (attempt.busy) expect(outcome.attempts.slice(0, index).some((earlier) => earlier.thrown)).toBe(true);
  });
  // Errors were thrown as Error subclasses with a name (typed), never as strings.
  for (const attempt of outcome.attempts) if (attempt.thrown) expect(attempt.thrown).not.toBe('Error');
}

function duplicates(outcome: PipelineOutcome): Map<string, number> {
  const copies = new Map<string, number>();
  for (const message of outcome.messages) {
    copies.set(messageKey(message), (copies.get(messageKey(message)) ?? 0) + 1);
  }
  return new Map([...copies].filter(([, count]) => count > 1).map(([key, count]) => [key, count - 1]));
}

/** Extra copies each recipient may get: lost Publish answers, plus one for an unmarked ledger entry. */
function windowAllowance(outcome: PipelineOutcome): Map<string, number> {
  const allowance = new Map<string, number>();
  const allow = (key: string, count = 1) => allowance.set(key, (allowance.get(key) ?? 0) + count);
  for (const fault of outcome.injected.sns) {
    if (fault.operation === 'Publish' && fault.kind === 'drop-after') allow(publishedTo(fault));
  }
  const markFaults = new Set<string>();
  for (const fault of outcome.injected.dynamo) {
    if (fault.operation === 'UpdateItem') markFaults.add(ledgerTarget(fault));
  }
  for (const key of markFaults) allow(key);
  return allowance;
}

function expectOnlyWindowDuplicates(outcome: PipelineOutcome): void {
  const allowance = windowAllowance(outcome);
  for (const [key, extra] of duplicates(outcome)) {
    expect(
      extra,
      `${key}: ${extra} extra copies, faults in the window: ${allowance.get(key) ?? 0}`,
    ).toBeLessThanOrEqual(allowance.get(key) ?? 0);
  }
}

function publishedTo(fault: InjectedFault): string {
  const params = new URLSearchParams(fault.body);
  const phone = params.get('PhoneNumber');
  if (phone) return messageKey({ channel: 'sms', recipient: phone });
  const hash = [...params].find(([name]) =>
    /^MessageAttributes\.entry\.\d+\.Value\.StringValue$/.test(name),
  )?.[1];
  const address = input.addresses.find((candidate) => recipientAttributeValue(candidate) === hash);
  return messageKey({ channel: 'email', recipient: address ?? `unknown:${hash}` });
}

function ledgerTarget(fault: InjectedFault): string {
  const body = JSON.parse(fault.body) as { Key?: { sk?: { S?: string } } };
  const sk = body.Key?.sk?.S ?? '';
  const separator = sk.indexOf('#');
  return messageKey({ channel: sk.slice(0, separator), recipient: sk.slice(separator + 1) });
}

// ── fixtures and report ───────────────────────────────────────────────────────────────────────

async function haTinhWithCommittee(): Promise<Programme> {
  const catalog = JSON.parse(await readFile(join(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json'), 'utf8'));
  catalog.programme.steeringCommittee.push(
    ...[1, 2, 3].map((n) => ({ name: `Thành viên ${n}`, email: `bcd-${n}@example.com` })),
  );
  return buildProgramme(catalogSchema.parse(catalog));
}

function contactAddresses(programme: Programme): string[] {
  const { catalog } = programme;
  const contacts = [
    ...catalog.programme.steeringCommittee,
    ...catalog.units.flatMap((unit) => [unit.head, unit.dataContact]),
  ];
  return contacts.flatMap((contact) => (contact?.email ? [contact.email] : []));
}

/** A late correction of the latest value of every 7th series, and one row that cannot be taken. */
function corrections(
  observations: readonly { unit: string; indicator: string; date: string; value: number }[],
) {
  const latest = new Map<string, (typeof observations)[number]>();
  for (const row of observations) latest.set(`${row.unit}#${row.indicator}`, row);
  const lines = ['unit,indicator,date,value,note'];
  [...latest.values()].forEach((row, index) => {
    if (index % 7 === 0) lines.push(`${row.unit},${row.indicator},${row.date},${row.value + 1.5},corrected`);
  });
  lines.push('no-such-unit,work-records-online,2025-10-31,12,typo');
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function report(outcome: PipelineOutcome): void {
  const faults = (counts: FaultCounts) =>
    Object.entries(counts.faults)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${kind}=${count}`)
      .join(',') || 'none';
  const runs = (['ingest', 'upload', 'notify', 'digest'] as const)
    .map((step) => {
      const runs = outcome.attempts.filter((attempt) => attempt.step === step);
      return `${step}=${runs.length}/${runs.reduce((sum, attempt) => sum + attempt.ms, 0)}ms`;
    })
    .join(',');
  const thrown = outcome.attempts.flatMap((attempt) => (attempt.thrown ? [attempt.thrown] : []));
  const recorded = outcome.attempts.filter(
    (attempt) => !attempt.thrown && attempt.problems.length > 0,
  ).length;
  const extra = [...duplicates(outcome).values()].reduce((sum, count) => sum + count, 0);
  console.log(
    `[fault-injection] ${outcome.name}: dynamodb ${outcome.dynamo.requests} requests, ${outcome.dynamo.forwarded} forwarded, ` +
      `faults{${faults(outcome.dynamo)}}, ${outcome.dynamoRetries} SDK retries | sns ${outcome.sns.requests} requests, ` +
      `faults{${faults(outcome.sns)}}, ${outcome.snsRetries} SDK retries | step runs{${runs}} ` +
      `thrown[${thrown.join(',')}] recorded-failures=${recorded} | ` +
      `items=${outcome.items.length} messages=${outcome.messages.length} duplicates=${extra} | ${outcome.durationMs} ms`,
  );
}
