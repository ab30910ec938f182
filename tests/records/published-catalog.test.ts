import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoAuditTrail } from '../../shared/adapters/dynamodb/dynamo-audit-trail.ts';
import { DynamoStore } from '../../shared/adapters/dynamodb/dynamo-store.ts';
import { createS3CatalogStore } from '../../shared/adapters/s3-catalog-store.ts';
import type { Catalog } from '../../shared/catalog/catalog-schema.ts';
import { readVersionedCatalog } from '../../shared/catalog/catalog-version.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Notifier, OutgoingMessage } from '../../shared/ports/notifier.ts';
import { evaluateAndNotify } from '../../shared/use-cases/evaluate-and-notify.ts';
import { publishedProgrammes } from '../../shared/use-cases/published-programmes.ts';
import { requiredOn, testCatalog } from '../alerts/support/fixture.ts';
import { BACKENDS, type RunningBackend } from '../store/store-backends.ts';
import { startMoto } from '../support/moto.ts';

/**
 * Acceptance of #14: a catalog published with a changed target is used by the next run with no
 * deploy, and the notification records name the catalog version. S3 and DynamoDB on moto; the
 * run loads its programme the way the functions do (current pointer, then the version).
 */

const BUCKET = 'dtwatch-test-catalogs';
const moto = BACKENDS.find((backend) => backend.name === 'moto');
let running: RunningBackend;
let s3: S3Client;
let stopS3: () => Promise<void>;

beforeAll(async () => {
  running = await (moto as NonNullable<typeof moto>).start();
  // A second moto for S3 keeps the backend helper unchanged; both are loopback-only.
  const s3Server = await startMoto();
  stopS3 = () => s3Server.stop();
  s3 = new S3Client({ ...s3Server.clientConfig, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }),
  );
}, 90_000);

afterAll(async () => {
  s3?.destroy();
  await stopS3?.();
  await running?.stop();
});

/** The same catalog with the departments' 2025 milestone lowered from 80 to 25. */
function lowered(catalog: Catalog): Catalog {
  return {
    ...catalog,
    indicators: catalog.indicators.map((indicator) => ({
      ...indicator,
      targets: indicator.targets.map((target) =>
        target.level === 'department'
          ? {
              ...target,
              milestones: (target.milestones ?? []).map((point) =>
                point.date === '2025-12-31' ? { ...point, value: 25 } : point,
              ),
            }
          : target,
      ),
    })),
  };
}

describe('a catalog published between two runs', () => {
  it('is used by the next run, and every record of each run names the version it was judged against', async () => {
    const catalogs = createS3CatalogStore({ bucket: BUCKET, client: s3 });
    const publish = async (catalog: Catalog, at: string) => {
      const versioned = readVersionedCatalog(JSON.stringify(catalog), 'catalog.json');
      await catalogs.publish(
        { programme: 'thu-nghiem', version: versioned.version, publishedAt: at },
        versioned.canonical,
      );
      return versioned.version;
    };
    const current = publishedProgrammes(catalogs, `s3://${BUCKET}`);
    const store = new DynamoStore({ client: running.documents, tableName: running.tableName });
    const audit = createDynamoAuditTrail({ client: running.documents, tableName: running.tableName });
    const sent: OutgoingMessage[] = [];
    const notifier: Notifier = {
      async send(message) {
        sent.push(message);
        return { messageId: `m${sent.length}` };
      },
    };
    const value = Math.round(requiredOn('2025-03-03') - 8);
    await store.putObservations(
      'thu-nghiem',
      [{ unit: 'so-a', indicator: 'ho-so', date: '2025-03-03', value }],
      '2025-03-03T00:00:00Z',
    );

    await expect(current('thu-nghiem')).rejects.toThrow(/no catalog is published for "thu-nghiem"/);
    const first = await publish(testCatalog(), '2025-03-01T00:00:00Z');
    const run1 = await current('thu-nghiem');
    expect(run1.catalogVersion).toBe(first);
    const counts1 = await evaluateAndNotify(run1, '2025-03-03', {
      store,
      notifier,
      audit,
      clock: fixedClock('2025-03-03T01:00:00Z'),
    });
    // so-a is behind; the units that never reported are alerted too.
    expect(counts1.opened).toBeGreaterThanOrEqual(1);

    const second = await publish(lowered(testCatalog()), '2025-03-03T10:00:00Z');
    expect(second).not.toBe(first);
    const run2 = await current('thu-nghiem');
    expect(run2.catalogVersion).toBe(second);
    const counts2 = await evaluateAndNotify(run2, '2025-03-04', {
      store,
      notifier,
      audit,
      clock: fixedClock('2025-03-04T01:00:00Z'),
    });
    // The lowered target puts the same value on track: the alert resolves.
    expect(counts2.resolved).toBeGreaterThanOrEqual(1);

    for (const [runKey, version] of [
      ['2025-03-03', first],
      ['2025-03-04', second],
    ] as const) {
      const entries = await store.listNotifications('thu-nghiem', runKey);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry).toMatchObject({ state: 'sent', catalogVersion: version });
      for (const message of sent.filter((m) => m.runKey === runKey))
        expect(message.catalogVersion).toBe(version);
    }
    const [state] = (await store.listAlertStates('thu-nghiem')).filter(
      (record) => record.unit === 'so-a' && record.kind === 'behind',
    );
    expect(state).toMatchObject({ state: 'resolved', catalogVersion: second });

    const timeline = await audit.auditTimeline({ programme: 'thu-nghiem', unit: 'so-a', indicator: 'ho-so' });
    const versions = new Set(timeline.map((event) => event.catalogVersion));
    expect(versions).toEqual(new Set([first, second]));
    const opened = timeline.find((event) => event.kind === 'notification' && event.catalogVersion === first);
    expect(opened).toMatchObject({
      basis: [{ indicator: 'ho-so', value, date: '2025-03-03', status: 'behind' }],
    });

    // Rolling back makes the first version current again, read from the bucket as published.
    expect(
      await catalogs.use({ programme: 'thu-nghiem', version: first, publishedAt: '2025-03-05T00:00:00Z' }),
    ).toBe(true);
    expect((await current('thu-nghiem')).catalogVersion).toBe(first);
    expect((await catalogs.versions('thu-nghiem')).map((entry) => entry.version)).toEqual([first, second]);
  });
});
