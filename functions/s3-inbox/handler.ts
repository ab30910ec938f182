import * as z from 'zod';
import { openStore } from '../../shared/adapters/open-store.ts';
import { ingestEnv, parseRuntimeEnv } from '../../shared/config/runtime-env.ts';
import { logger } from '../../shared/logger.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { once } from '../../shared/runtime/memo.ts';
import { s3ObjectDelivery } from '../../shared/sources/s3-csv-source.ts';
import { processedPrefixOf, type S3CsvSource } from '../../shared/sources/source-config.ts';
import { ingestS3Object } from '../../shared/use-cases/ingest.ts';
import { deployedProgrammes } from '../runtime/programme-files.ts';
import { parseEvent } from '../runtime/scheduled-event.ts';

/**
 * Ingests a CSV export the moment it lands in the inbox bucket. Accepts the EventBridge
 * "Object Created" event (how the CDK app wires it) and the classic S3 notification.
 */

const env = parseRuntimeEnv(ingestEnv);
const files = deployedProgrammes(env.DTWATCH_SOURCES);
const store = once(async () => (await openStore()).store);

const eventBridgeObjectCreated = z.object({
  'detail-type': z.literal('Object Created'),
  detail: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
});
const s3Notification = z.object({
  Records: z
    .array(
      z.object({
        eventName: z.string().startsWith('ObjectCreated:'),
        s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
      }),
    )
    .min(1),
});
const inboxEvent = z.union([eventBridgeObjectCreated, s3Notification], {
  error: 'must be an EventBridge "Object Created" event or an S3 ObjectCreated notification',
});

interface InboxObject {
  readonly bucket: string;
  readonly key: string;
}

export interface InboxResult {
  readonly objects: readonly {
    key: string;
    programme?: string;
    source?: string;
    outcome: 'ok' | 'partial' | 'failed' | 'ignored';
  }[];
}

export async function handler(event: unknown): Promise<InboxResult> {
  const parsed = parseEvent(inboxEvent, event, 's3-inbox event');
  const objects: InboxObject[] =
    'detail' in parsed
      ? [{ bucket: parsed.detail.bucket.name, key: parsed.detail.object.key }]
      : parsed.Records.map((record) => ({
          bucket: record.s3.bucket.name,
          // S3 notifications URL-encode keys, with "+" for spaces.
          key: decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')),
        }));

  const results: InboxResult['objects'][number][] = [];
  for (const object of objects) {
    const owner = await findOwner(object);
    if (!owner) {
      logger.warn('object matches no s3-csv source; left in place', {
        bucket: object.bucket,
        key: object.key,
      });
      results.push({ key: object.key, outcome: 'ignored' });
      continue;
    }
    const programme = await files.programme(owner.programme);
    const report = await ingestS3Object(
      programme,
      owner.source.id,
      s3ObjectDelivery(owner.source, object.key),
      {
        store: await store(),
        clock: systemClock,
      },
    );
    logger.info('export ingested', {
      programme: programme.id,
      source: owner.source.id,
      key: object.key,
      outcome: report.run.outcome,
      rowsOk: report.run.rowsOk,
      rowsRejected: report.run.rowsRejected,
    });
    results.push({
      key: object.key,
      programme: programme.id,
      source: owner.source.id,
      outcome: report.run.outcome,
    });
  }
  return { objects: results };
}

/** The s3-csv source whose bucket and prefix hold the object (the longest prefix wins). */
async function findOwner(
  object: InboxObject,
): Promise<{ programme: string; source: S3CsvSource } | undefined> {
  let best: { programme: string; source: S3CsvSource } | undefined;
  for (const id of files.programmeIds) {
    for (const source of (await files.sources(id))?.sources ?? []) {
      if (source.kind !== 's3-csv' || source.bucket !== object.bucket) continue;
      if (!object.key.startsWith(source.prefix) || object.key.startsWith(processedPrefixOf(source))) continue;
      if (object.key.endsWith('/')) continue;
      if (!best || source.prefix.length > best.source.prefix.length) best = { programme: id, source };
    }
  }
  return best;
}
