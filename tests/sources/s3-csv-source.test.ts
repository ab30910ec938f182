import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { StoreSet } from '../../shared/ports/store-set.ts';
import { createSourceFetcher } from '../../shared/sources/fetch-source.ts';
import { createHttpFetcher } from '../../shared/sources/http-fetcher.ts';
import { s3ObjectDelivery } from '../../shared/sources/s3-csv-source.ts';
import { createSecretResolver } from '../../shared/sources/secret-resolver.ts';
import type { S3CsvSource, SourcesFile } from '../../shared/sources/source-config.ts';
import { ingestProgramme, ingestS3Object } from '../../shared/use-cases/ingest.ts';
import { type MotoServer, startMoto } from '../support/moto.ts';
import { SPEC_EXAMPLES } from '../support/paths.ts';

const CLOCK = fixedClock('2026-11-22T03:00:00Z');
const BUCKET = 'dtwatch-drop';
const SOURCE: S3CsvSource = {
  id: 'agency-drop',
  kind: 's3-csv',
  bucket: BUCKET,
  prefix: 'incoming/',
  maxBytes: 2_000,
};
const SOURCES: SourcesFile = { programme: 'example-basic', sources: [SOURCE] };

const goodCsv = [
  'unit;indicator;date;value',
  '42;dossiers-online;2025-12-31;47,5',
  '42;dossiers-online;2026-10-31;53',
  '40;dossiers-online;2026-10-31;400',
].join('\n');

let moto: MotoServer;
let s3: S3Client;
let programme: Programme;
let store: MemoryStore;

async function put(key: string, body: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

async function keys(prefix = ''): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (page.Contents ?? []).map((object) => object.Key ?? '').sort();
}

async function outcomeTag(key: string): Promise<string | undefined> {
  const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }));
  return tags.TagSet?.find((tag) => tag.Key === 'dtwatch-outcome')?.Value;
}

function pull(client: Pick<S3Client, 'send'> = s3, target: StoreSet = store) {
  const fetchSource = createSourceFetcher({
    http: createHttpFetcher({ policy: { allowHosts: [] } }),
    secrets: createSecretResolver(),
    s3: client,
  });
  return ingestProgramme(programme, SOURCES, { store: target, clock: CLOCK, fetchSource });
}

beforeAll(async () => {
  moto = await startMoto();
  s3 = new S3Client({ ...moto.clientConfig, forcePathStyle: true });
  programme = buildProgramme(
    parseCatalog(readFileSync(join(SPEC_EXAMPLES, 'basic.catalog.json')), 'basic.catalog.json'),
  );
});
afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  store = createMemoryStore();
});

describe('s3-csv source against moto', () => {
  it('ingests each object once and moves it to the processed prefix, tagged with its outcome', async () => {
    await put('incoming/2026-10/ha-tinh.csv', goodCsv);
    await put('incoming/not-csv.csv', '\u0000\u0001binary');
    await put(
      'incoming/too-big.csv',
      `unit,indicator,date,value\n${'42,dossiers-online,2025-01-31,1\n'.repeat(100)}`,
    );
    await put('elsewhere/ignored.csv', goodCsv);

    const report = await pull();
    const run = report.sources[0]?.run;
    expect(run).toMatchObject({ source: 'agency-drop', outcome: 'partial', rowsOk: 2, rowsRejected: 1 });
    expect(run?.error).toContain('incoming/too-big.csv: is ');
    expect(run?.error).toContain('incoming/not-csv.csv: line 1: header must name the columns');

    expect(await keys('incoming/')).toEqual([]);
    expect(await keys('processed/')).toEqual([
      'processed/incoming/2026-10/ha-tinh.csv',
      'processed/incoming/not-csv.csv',
      'processed/incoming/too-big.csv',
    ]);
    expect(await outcomeTag('processed/incoming/2026-10/ha-tinh.csv')).toBe('partial');
    expect(await outcomeTag('processed/incoming/too-big.csv')).toBe('failed');
    expect(await keys('elsewhere/')).toEqual(['elsewhere/ignored.csv']);

    const quarantined = await store.listQuarantined('example-basic');
    expect(quarantined.map((row) => row.location).sort()).toEqual([
      'incoming/2026-10/ha-tinh.csv: line 4',
      'incoming/not-csv.csv',
      'incoming/too-big.csv',
    ]);
    expect(quarantined.find((row) => row.location.endsWith('line 4'))?.reason).toBe(
      'value 400 is outside [0, 100]',
    );
    expect(await store.programmeObservations('example-basic')).toHaveLength(2);

    const again = await pull();
    expect(again.sources[0]?.run).toMatchObject({
      outcome: 'ok',
      rowsOk: 0,
      rowsRejected: 0,
      rowsUnchanged: 0,
    });
  });

  it('leaves an object in place after a transient S3 error, and takes it on the next run', async () => {
    await put('incoming/a.csv', goodCsv);
    await put('incoming/b.csv', goodCsv.replace('2025-12-31', '2024-12-31'));
    const failingGet: Pick<S3Client, 'send'> = {
      send: ((command: { constructor: { name: string }; input: { Key?: string } }) => {
        if (command.constructor.name === 'GetObjectCommand' && command.input.Key === 'incoming/a.csv') {
          return Promise.reject(
            Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError' }),
          );
        }
        return s3.send(command as never);
      }) as S3Client['send'],
    };
    const first = await pull(failingGet);
    expect(first.sources[0]?.run).toMatchObject({ outcome: 'partial', rowsOk: 2 });
    expect(first.sources[0]?.run.error).toContain('incoming/a.csv: We encountered an internal error.');
    expect(await keys('incoming/')).toEqual(['incoming/a.csv']);

    const second = await pull();
    expect(second.sources[0]?.run).toMatchObject({
      outcome: 'partial',
      rowsOk: 1,
      rowsUnchanged: 1,
      rowsRejected: 1,
    });
    expect(await keys('incoming/')).toEqual([]);
  });

  it('leaves an object in place when the store fails', async () => {
    await put('incoming/a.csv', goodCsv);
    const brokenStore: StoreSet = Object.assign(Object.create(store) as StoreSet, {
      putObservations: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
    });
    const report = await pull(s3, brokenStore);
    expect(report.sources[0]?.run).toMatchObject({ outcome: 'failed', rowsOk: 0 });
    expect(report.sources[0]?.run.error).toContain('storing failed');
    expect(await keys('incoming/')).toEqual(['incoming/a.csv']);
  });

  it('ingests one announced object (the object-created trigger)', async () => {
    await put('incoming/2026-11/x.csv', goodCsv);
    const report = await ingestS3Object(
      programme,
      SOURCE.id,
      s3ObjectDelivery(SOURCE, 'incoming/2026-11/x.csv', s3),
      {
        store: store,
        clock: CLOCK,
      },
    );
    expect(report.run).toMatchObject({
      source: 'agency-drop',
      outcome: 'partial',
      rowsOk: 2,
      rowsRejected: 1,
    });
    expect(await keys()).toEqual(['processed/incoming/2026-11/x.csv']);
    const runs = await store.listSourceRuns('example-basic', { source: 'agency-drop' });
    expect(runs).toHaveLength(1);
  });
});
