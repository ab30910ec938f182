import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CatalogStore } from '../ports/catalog-store.ts';
import { onFirstUse } from '../runtime/memo.ts';
import { createObjectCatalogStore } from './object-catalog-store.ts';
import { AWS_REQUEST_TIMEOUTS } from './request-timeouts.ts';

// One client per module, from the standard SDK configuration, created on first use.
const s3 = onFirstUse(() => new S3Client({ ...AWS_REQUEST_TIMEOUTS }));

/**
 * The catalog store in the stage's catalog bucket (versioning on: an overwritten pointer keeps its
 * earlier versions as S3 object versions too). `client` is for tests.
 */
export function createS3CatalogStore(options: { bucket: string; client?: S3Client }): CatalogStore {
  const client = () => options.client ?? s3();
  return createObjectCatalogStore({
    description: `s3://${options.bucket}`,
    async get(key) {
      try {
        const output = await client().send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
        return await output.Body?.transformToString('utf-8');
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async put(key, text) {
      await client().send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key,
          Body: text,
          ContentType: 'application/json; charset=utf-8',
        }),
      );
    },
  });
}
