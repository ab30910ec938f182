import { resolve } from 'node:path';
import * as z from 'zod';
import type { CatalogStore } from '../ports/catalog-store.ts';
import { parseConfig } from '../zod-problems.ts';
import { createFolderCatalogStore } from './folder-catalog-store.ts';

const catalogEnvironment = z.object({
  DTWATCH_CATALOG_BUCKET: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
      .optional(),
  ),
});

export interface OpenedCatalogStore {
  readonly catalogs: CatalogStore;
  /** For people: where the catalogs are published. */
  readonly description: string;
}

/**
 * The stage's catalog bucket when DTWATCH_CATALOG_BUCKET is set (standard SDK configuration for
 * region, endpoint and credentials), otherwise the folder beside the embedded store.
 */
export async function openCatalogStore(
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<OpenedCatalogStore> {
  const env = options.env ?? process.env;
  const { DTWATCH_CATALOG_BUCKET: bucket } = parseConfig(catalogEnvironment, env);
  if (bucket) {
    // Loaded only when asked for, so the local path never builds an S3 client.
    const { createS3CatalogStore } = await import('./s3-catalog-store.ts');
    return { catalogs: createS3CatalogStore({ bucket }), description: `s3://${bucket}` };
  }
  const dataDir = resolve(options.dataDir ?? env.DTWATCH_DATA_DIR ?? '.dtwatch');
  return { catalogs: createFolderCatalogStore(dataDir), description: `${dataDir}/catalogs` };
}
