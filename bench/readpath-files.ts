import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NationalDataset } from './national-dataset.ts';

/** The national dataset as a user hands it over: a catalog and the same observations as CSV and NDJSON. */
export interface ReadPathFiles {
  readonly catalog: string;
  readonly csv: string;
  readonly ndjson: string;
  readonly observations: number;
  readonly csvBytes: number;
  readonly ndjsonBytes: number;
}

export async function writeReadPathFiles(dataset: NationalDataset, dir: string): Promise<ReadPathFiles> {
  const catalog = join(dir, 'national.catalog.json');
  await writeFile(catalog, dataset.catalogText);
  const csv = join(dir, 'national.csv');
  const ndjson = join(dir, 'national.ndjson');
  const csvOut = createWriteStream(csv);
  const ndjsonOut = createWriteStream(ndjson);
  csvOut.write('unit,indicator,date,value\n');
  let csvBytes = 26;
  let ndjsonBytes = 0;
  let observations = 0;
  let csvLines: string[] = [];
  let ndjsonLines: string[] = [];
  const flush = async () => {
    const csvText = csvLines.join('');
    const ndjsonText = ndjsonLines.join('');
    csvBytes += Buffer.byteLength(csvText);
    ndjsonBytes += Buffer.byteLength(ndjsonText);
    csvLines = [];
    ndjsonLines = [];
    await Promise.all([write(csvOut, csvText), write(ndjsonOut, ndjsonText)]);
  };
  for (const observation of dataset.observations()) {
    csvLines.push(`${observation.unit},${observation.indicator},${observation.date},${observation.value}\n`);
    ndjsonLines.push(`${JSON.stringify(observation)}\n`);
    observations++;
    if (csvLines.length === 50_000) await flush();
  }
  await flush();
  await Promise.all([close(csvOut), close(ndjsonOut)]);
  return { catalog, csv, ndjson, observations, csvBytes, ndjsonBytes };
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}

function close(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}
