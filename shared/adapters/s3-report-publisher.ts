import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PublishedReport, ReportPublisher } from '../ports/report-publisher.ts';
import { onFirstUse } from '../runtime/memo.ts';
import { AWS_REQUEST_TIMEOUTS } from './request-timeouts.ts';

/** Seven days: the longest a SigV4 pre-signed URL may live. */
export const REPORT_LINK_SECONDS = 7 * 24 * 60 * 60;

// One client per module, from the standard SDK configuration (AWS_REGION, AWS_ENDPOINT_URL, the
// credential chain); created on first use so that importing this module has no side effect.
const s3 = onFirstUse(() => new S3Client({ ...AWS_REQUEST_TIMEOUTS }));

export interface S3ReportPublisherOptions {
  readonly bucket: string;
  /** Lifetime of the link (default 7 days). */
  readonly linkSeconds?: number;
}

/**
 * Reports go to a private bucket (its default encryption applies; nothing here weakens it) and
 * readers get a pre-signed GET link. The link stops working early if the signing credentials
 * expire first (a Lambda role's session lasts hours, not days): see the report in the digest docs.
 */
export function createS3ReportPublisher(options: S3ReportPublisherOptions): ReportPublisher {
  return {
    async publish(key: string, html: string): Promise<PublishedReport> {
      await s3().send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key,
          Body: html,
          ContentType: 'text/html; charset=utf-8',
          CacheControl: 'private, no-store',
        }),
      );
      const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: options.bucket, Key: key }), {
        expiresIn: options.linkSeconds ?? REPORT_LINK_SECONDS,
      });
      return { location: `s3://${options.bucket}/${key}`, url };
    },
  };
}
