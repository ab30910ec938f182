import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishedReport, ReportPublisher } from '../ports/report-publisher.ts';

/** Reports as files under a folder (the embedded default, the CLI); the link is a file:// URL. */
export function createLocalReportPublisher(root: string): ReportPublisher {
  const base = resolve(root);
  return {
    async publish(key: string, html: string): Promise<PublishedReport> {
      const file = resolve(base, key);
      // Keys come from our own use-case, but a key must never write outside the folder.
      if (!file.startsWith(base + sep)) throw new RangeError(`report key leaves the report folder: ${key}`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, html, 'utf8');
      return { location: file, url: pathToFileURL(file).href };
    },
  };
}
