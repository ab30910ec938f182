import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, startMoto } from '../support/moto.ts';

describe('the S3 report publisher against moto', () => {
  let moto: MotoServer;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    moto = await startMoto();
    // The adapter builds its client from the standard SDK configuration: give it moto's.
    for (const [name, value] of Object.entries(moto.env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    const s3 = new S3Client(moto.clientConfig);
    await s3.send(new CreateBucketCommand({ Bucket: 'reports' }));
    s3.destroy();
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await moto?.stop();
  });

  it('puts the HTML and returns a 7-day pre-signed link that serves it', async () => {
    const { createS3ReportPublisher, REPORT_LINK_SECONDS } = await import(
      '../../shared/adapters/s3-report-publisher.ts'
    );
    const html = '<!doctype html><html lang="vi"><title>Bản tin</title></html>';
    const published = await createS3ReportPublisher({ bucket: 'reports' }).publish(
      'demo/2026-W10/digest.html',
      html,
    );
    expect(published.location).toBe('s3://reports/demo/2026-W10/digest.html');

    const url = new URL(published.url ?? '');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(REPORT_LINK_SECONDS));
    expect(REPORT_LINK_SECONDS).toBe(604_800);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    const response = await fetch(url, { headers: { connection: 'close' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(html);

    const s3 = new S3Client(moto.clientConfig);
    const object = await s3.send(
      new GetObjectCommand({ Bucket: 'reports', Key: 'demo/2026-W10/digest.html' }),
    );
    expect(object.ContentType).toBe('text/html; charset=utf-8');
    // Read the body to its end: an unread stream is aborted when moto stops, which Node reports
    // as an uncaught ECONNRESET after the test has passed.
    expect(await object.Body?.transformToString()).toBe(html);
    s3.destroy();
  });
});
