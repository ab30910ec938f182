import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { AWS_REQUEST_TIMEOUTS } from '../adapters/request-timeouts.ts';
import { InvalidInputError } from '../errors.ts';
import type { SourceDelivery } from '../ports/source-fetcher.ts';
import type { SourceRunOutcome } from '../ports/store.ts';
import { onFirstUse } from '../runtime/memo.ts';
import { DEFAULT_MAX_BYTES, processedPrefixOf, type S3CsvSource } from './source-config.ts';

/**
 * An S3 prefix where agencies drop CSV exports. Each object is ingested once and then MOVED:
 * copied to the processed prefix (same relative key, tagged `dtwatch-outcome=ok|partial|failed`)
 * and deleted from the drop prefix.
 *
 * Moving rather than tagging in place: listing the drop prefix then shows exactly the work left,
 * whereas tags are not returned by ListObjectsV2 and would cost one GetObjectTagging per object
 * on every run, for ever. The tag on the processed copy says how its ingest went; the rows
 * themselves are in the store and the quarantine.
 *
 * An object that cannot be read at all (too large, not CSV) is still moved, with its quarantine
 * entry, so it is not retried for ever; a transient S3 or store error leaves it for the next run.
 */

// Created once per module, from the standard SDK configuration (AWS_REGION, AWS_ENDPOINT_URL, ...).
export const s3Client = onFirstUse(() => new S3Client({ ...AWS_REQUEST_TIMEOUTS }));

type S3Send = Pick<S3Client, 'send'>;

/** Every object waiting under the source's prefix, oldest listing order (key order). */
export async function* s3Deliveries(
  source: S3CsvSource,
  client: S3Send = s3Client(),
): AsyncIterable<SourceDelivery> {
  const processed = processedPrefixOf(source);
  let continuationToken: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: source.bucket,
        Prefix: source.prefix || undefined,
        ContinuationToken: continuationToken,
      }),
    );
    for (const object of page.Contents ?? []) {
      const key = object.Key;
      if (!key || key.endsWith('/') || key.startsWith(processed)) continue;
      yield s3ObjectDelivery(source, key, client);
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
}

/** One object, e.g. from an S3 object-created notification. */
export function s3ObjectDelivery(
  source: S3CsvSource,
  key: string,
  client: S3Send = s3Client(),
): SourceDelivery {
  const maxBytes = source.maxBytes ?? DEFAULT_MAX_BYTES;
  return {
    name: key,
    async read() {
      const object = await client.send(new GetObjectCommand({ Bucket: source.bucket, Key: key }));
      if ((object.ContentLength ?? 0) > maxBytes) {
        // Do not download what will not be read.
        (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw new InvalidInputError([
          { file: key, message: `is ${object.ContentLength} bytes, more than the limit of ${maxBytes}` },
        ]);
      }
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      // A response without Content-Length (a proxy, an S3-compatible store) is bounded all the same.
      if (bytes.byteLength > maxBytes) {
        throw new InvalidInputError([
          { file: key, message: `is ${bytes.byteLength} bytes, more than the limit of ${maxBytes}` },
        ]);
      }
      // The source kind says CSV, whatever the object is called.
      return { bytes, formatHint: 'text/csv' };
    },
    async settle(outcome: SourceRunOutcome) {
      await client.send(
        new CopyObjectCommand({
          Bucket: source.bucket,
          Key: processedKeyOf(source, key),
          CopySource: `${source.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
          TaggingDirective: 'REPLACE',
          Tagging: `dtwatch-outcome=${outcome}`,
        }),
      );
      await client.send(new DeleteObjectCommand({ Bucket: source.bucket, Key: key }));
    },
  };
}

export function processedKeyOf(source: S3CsvSource, key: string): string {
  const relative = key.startsWith(source.prefix) ? key.slice(source.prefix.length) : key;
  return `${processedPrefixOf(source)}${relative.replace(/^\/+/, '')}`;
}
