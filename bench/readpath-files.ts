import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NationalDataset } from './national-dataset.ts';

/**
 * The national dataset as a user hands it over: a catalog and the same observations as CSV,
 * NDJSON and one JSON document, and CSV files of its first observations (for ingest, whose speed
 * is the embedded store's: the whole file would take most of the bench).
 */
export interface ReadPathFiles {
  readonly catalog: string;
  readonly csv: string;
  readonly ndjson: string;
  readonly json: string;
  readonly observations: number;
  readonly csvBytes: number;
  readonly ndjsonBytes: number;
  /** CSV files of the first `observations` observations, in the order asked. */
  readonly csvPrefixes: readonly { readonly file: string; readonly observations: number }[];
}

export async function writeReadPathFiles(
  dataset: NationalDataset,
  dir: string,
  prefixSizes: readonly number[] = [],
): Promise<ReadPathFiles> {
  const catalog = join(dir, 'national.catalog.json');
  await writeFile(catalog, dataset.catalogText);
  const csv = join(dir, 'national.csv');
  const ndjson = join(dir, 'national.ndjson');
  const json = join(dir, 'national.json');
  const csvOut = createWriteStream(csv);
  const ndjsonOut = createWriteStream(ndjson);
  const jsonOut = createWriteStream(json);
  const csvPrefixes = prefixSizes.map((size) => ({
    file: join(dir, `national-first-${size}.csv`),
    observations: size,
  }));
  const prefixOuts = csvPrefixes.map(({ file }) => createWriteStream(file));
  const header = 'unit,indicator,date,value\n';
  csvOut.write(header);
  for (const out of prefixOuts) out.write(header);
  jsonOut.write('{"snapshots": [\n');
  let csvBytes = 26;
  let ndjsonBytes = 0;
  let observations = 0;
  let csvLines: string[] = [];
  let ndjsonLines: string[] = [];
  let written = 0;
  const flush = async () => {
    const csvText = csvLines.join('');
    const ndjsonText = ndjsonLines.join('');
    csvBytes += Buffer.byteLength(csvText);
    ndjsonBytes += Buffer.byteLength(ndjsonText);
    const items = ndjsonLines.map((line) => line.slice(0, -1)).join(',\n');
    const jsonText = items === '' || written === 0 ? items : `,\n${items}`;
    const prefixTexts = csvPrefixes.map(({ observations: size }) =>
      csvLines.slice(0, Math.max(0, size - written)).join(''),
    );
    written += csvLines.length;
    csvLines = [];
    ndjsonLines = [];
    await Promise.all([
      write(csvOut, csvText),
      write(ndjsonOut, ndjsonText),
      write(jsonOut, jsonText),
      ...prefixOuts.map((out, index) => write(out, prefixTexts[index] ?? '')),
    ]);
  };
  for (const observation of dataset.observations()) {
    csvLines.push(`${observation.unit},${observation.indicator},${observation.date},${observation.value}\n`);
    ndjsonLines.push(`${JSON.stringify(observation)}\n`);
    observations++;
    if (csvLines.length === 50_000) await flush();
  }
  await flush();
  jsonOut.write('\n]}\n');
  await Promise.all([close(csvOut), close(ndjsonOut), close(jsonOut), ...prefixOuts.map(close)]);
  return { catalog, csv, ndjson, json, observations, csvBytes, ndjsonBytes, csvPrefixes };
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
