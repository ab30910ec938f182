import { createWriteStream } from 'node:fs';
import { delimiter, join } from 'node:path';
import { toDayNumber } from '../shared/domain/calendar-date.ts';
import { canRun } from './end-to-end.ts';
import type { NationalDataset } from './national-dataset.ts';

/** Prometheus's backfill tool, when installed (Debian package `prometheus`); the bench skips the peer without it. */
export async function findPromtool(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'promtool');
    if (await canRun(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The same observations as OpenMetrics, one gauge sample per observation at the midnight UTC
 * of its date, for `promtool tsdb create-blocks-from openmetrics`.
 */
export async function writeOpenMetrics(dataset: NationalDataset, file: string): Promise<number> {
  const out = createWriteStream(file);
  const lines: string[] = [
    '# HELP dtwatch_observation A reported value of one series.\n',
    '# TYPE dtwatch_observation gauge\n',
  ];
  let bytes = 0;
  const flush = async () => {
    const text = lines.join('');
    lines.length = 0;
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  const seconds = new Map<string, number>();
  for (const { unit, indicator, date, value } of dataset.observations()) {
    let at = seconds.get(date);
    if (at === undefined) {
      at = toDayNumber(date) * 86_400;
      seconds.set(date, at);
    }
    lines.push(`dtwatch_observation{unit="${unit}",indicator="${indicator}"} ${value} ${at}\n`);
    if (lines.length >= 50_000) await flush();
  }
  lines.push('# EOF\n');
  await flush();
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
  return bytes;
}
