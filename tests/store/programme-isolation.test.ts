import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as keys from '../../shared/adapters/dynamodb/item-keys.ts';
import { type OpenedStore, openStore } from '../../shared/adapters/open-store.ts';
import { createOutboxNotifier } from '../../shared/adapters/outbox-notifier.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { evaluateAndNotify } from '../../shared/use-cases/evaluate-and-notify.ts';

/**
 * Isolation between the programmes of one deployment, on the store side: every item key carries
 * its programme, and one programme's daily run reads and writes its own items only. (The web
 * app's authorisation is tested with the web app; IAM's per-programme leading keys in
 * tests/infra/table-access.test.ts.)
 */

const catalogText = readFileSync('catalog/ha-tinh-nq05.json', 'utf8');
/** The same catalog under another programme id: the second province of the deployment. */
function programmeNamed(id: string): Programme {
  const json = JSON.parse(catalogText) as { programme: { id: string } };
  json.programme.id = id;
  return buildProgramme(parseCatalog(JSON.stringify(json), `${id}.json`));
}

describe('item keys', () => {
  // Every builder of a partition key, called for programme "prov-a". EMAILSUB is the one item kind
  // of the stage rather than of a programme (an address's subscription state, docs/data-model.md).
  const partitionKeys: Record<string, string> = {
    observationPk: keys.observationPk('prov-a', 'u1'),
    observationShardPk: keys.observationShardPk('prov-a', '03'),
    revisionPk: keys.revisionPk('prov-a', 'u1'),
    alertShardPk: keys.alertShardPk('prov-a', '03'),
    alertPk: keys.alertPk('prov-a', 'u1'),
    acknowledgementPk: keys.acknowledgementPk('prov-a'),
    mutePk: keys.mutePk('prov-a'),
    ledgerPk: keys.ledgerPk('prov-a', '2026-11-28'),
    ledgerKey: keys.ledgerKey({ programme: 'prov-a', runKey: '2026-11-28', recipient: 'x', channel: 'sms' })
      .pk,
    digestPk: keys.digestPk('prov-a'),
    finalRecordPk: keys.finalRecordPk('prov-a'),
    sourceRunPk: keys.sourceRunPk('prov-a'),
    sourceRunGsiPk: keys.sourceRunGsiPk('prov-a', 's1'),
    sourceRunKeys: (() => {
      const run = { programme: 'prov-a', source: 's1', startedAt: '2026-11-28T01:00:00Z' };
      const built = keys.sourceRunKeys(run as Parameters<typeof keys.sourceRunKeys>[0]);
      return built.pk === `RUN#prov-a` && built.gsi1pk === 'RUN#prov-a#s1' ? built.pk : 'mismatch';
    })(),
    quarantinePk: keys.quarantinePk('prov-a'),
    tenurePk: keys.tenurePk('prov-a'),
    auditPk: keys.auditPk('prov-a', 'u1'),
    auditPartitionPattern: keys.auditPartitionPattern('prov-a'),
    signInPk: keys.signInPk('prov-a'),
  };
  // Sort keys and helpers that build no partition key.
  const notPartitionKeys = new Set([
    'SHARD_COUNT',
    'shardOf',
    'allShards',
    'epochSeconds',
    'observationSk',
    'parseObservationSk',
    'revisionSk',
    'alertSk',
    'acknowledgementSk',
    'ledgerSk',
    'quarantineSk',
    'tenureSk',
    'isoInstant',
    'UNIT_WIDE',
    'EMAIL_STATE_PK',
    // Stage-wide, like the states; each programme's sync writes only its own entries
    // (tests/directory/subscription-sync-programmes.test.ts).
    'EMAIL_INTEREST_PK',
    'emailInterestSk',
  ]);

  it('every partition key names its programme as its second segment', () => {
    for (const [name, pk] of Object.entries(partitionKeys)) {
      expect(pk.split('#')[1], name).toBe('prov-a');
    }
  });

  it('lists every export of item-keys.ts above, so a new key builder has to be checked here', () => {
    const unchecked = Object.keys(keys).filter(
      (name) => !(name in partitionKeys) && !notPartitionKeys.has(name),
    );
    expect(unchecked).toEqual([]);
    expect(keys.EMAIL_STATE_PK.includes('#')).toBe(false);
    expect(keys.EMAIL_INTEREST_PK.includes('#')).toBe(false);
  });
});

describe('one programme’s daily run on a table shared with another', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dtwatch-isolation-'));
  const dataDir = () => folder;
  const today = '2026-11-28';
  const clock = fixedClock(`${today}T05:00:00Z`);
  const a = programmeNamed('prov-a');
  const b = programmeNamed('prov-b');
  let opened: OpenedStore;

  beforeAll(async () => {
    opened = await openStore({ dataDir: dataDir() });
    for (const programme of [a, b]) {
      const { observations } = generateSampleData(programme, { through: today });
      await opened.store.putObservations(programme.id, observations, `${today}T01:00:00Z`);
    }
    // B has run already: alert states, a ledger, final records of its dissolved units.
    await runOnce(b, 'b');
  }, 120_000);
  afterAll(async () => {
    await opened?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const runOnce = (programme: Programme, outbox: string) =>
    evaluateAndNotify(
      programme,
      today,
      {
        store: opened.store,
        finalRecords: opened.finalRecords,
        directory: opened.directory,
        audit: opened.auditTrail,
        notifier: createOutboxNotifier({ dataDir: `${dataDir()}/${outbox}` }),
        clock,
      },
      { leaseSeconds: 0 },
    );

  it('reads and writes only partitions of its own programme, and leaves the other’s items as they were', async () => {
    const before = await itemsOf(opened, 'prov-b');
    expect(before.length).toBeGreaterThan(1000);
    const touched = recordPartitionKeys(opened.client);
    const counts = await runOnce(a, 'a');
    expect(counts.opened).toBeGreaterThan(0);
    expect(touched.size).toBeGreaterThan(16);
    expect([...touched.values()].some((operations) => operations.has('BatchWriteItemCommand'))).toBe(true);
    for (const [pk, operations] of touched) {
      // The one stage-wide partition: whether an address confirmed its e-mail (read, never written).
      if (pk === keys.EMAIL_STATE_PK)
        expect(
          [...operations].every((op) => READS.has(op)),
          pk,
        ).toBe(true);
      else expect(pk.split('#')[1], pk).toBe('prov-a');
    }
    expect(await itemsOf(opened, 'prov-b')).toEqual(before);
  }, 120_000);
});

const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'GetCommand']);

/**
 * Every partition key value the client's requests name from now on (keys, items, `:pk` values),
 * with the operations that named it.
 */
function recordPartitionKeys(client: DynamoDBClient): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  const visit = (operation: string, value: unknown, name?: string): void => {
    if (name === 'pk' || name?.startsWith(':pk')) {
      const text = typeof value === 'string' ? value : (value as { S?: string } | undefined)?.S;
      if (text !== undefined) seen.set(text, (seen.get(text) ?? new Set()).add(operation));
      return;
    }
    if (Array.isArray(value)) for (const entry of value) visit(operation, entry);
    else if (value && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value)) visit(operation, entry, key);
    }
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      visit(String(context.commandName), args.input);
      return next(args);
    },
    { step: 'initialize', name: 'isolationRecorder' },
  );
  return seen;
}

async function itemsOf(opened: OpenedStore, programme: string): Promise<Record<string, unknown>[]> {
  const documents = DynamoDBDocumentClient.from(opened.client);
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: opened.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) {
      if (String(item.pk).split('#')[1] === programme) items.push(item);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((x, y) => `${x.pk}|${x.sk}`.localeCompare(`${y.pk}|${y.sk}`));
}
