import * as z from 'zod';
import { idSchema } from '../catalog/catalog-schema.ts';
import { describeJsonSyntaxError } from '../catalog/json-location.ts';
import { InvalidInputError, type Problem } from '../errors.ts';
import { decodeUtf8 } from '../input-text.ts';
import { MAX_SNAPSHOT_BYTES } from '../snapshots/snapshot-file.ts';
import { parseInput } from '../zod-problems.ts';

/**
 * The sources file of one programme: where its snapshots come from. Secrets (API tokens) are
 * referenced by the name of an SSM parameter or a Secrets Manager secret, never written inline,
 * so the file can live in git.
 */

export const MAX_SOURCES_FILE_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const secretRefSchema = z.union(
  [
    z.strictObject({
      ssmParameter: z.string().regex(/^[A-Za-z0-9_.\-/]+$/, 'must be an SSM parameter name'),
    }),
    z.strictObject({
      secretsManager: z.string().regex(/^[A-Za-z0-9/_+=.@:-]+$/, 'must be a Secrets Manager name or ARN'),
    }),
  ],
  { error: 'must be {"ssmParameter": "/name"} or {"secretsManager": "name"}; never the secret itself' },
);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const authSchema = z.strictObject({
  header: z.string().regex(HEADER_NAME, 'must be an HTTP header name such as "Authorization"'),
  secret: secretRefSchema,
});

const urlSchema = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === ''
      );
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute http(s) URL without user:password (use "auth" for credentials)' },
);

const positiveInt = (max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .positive('must be > 0')
    .max(max, `must be ≤ ${max}`);

const httpSourceSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['http-json', 'http-csv']),
  url: urlSchema,
  auth: authSchema.optional(),
  /** When the provider publishes; a hint for schedules, not enforced here. */
  schedule: z.enum(['daily', 'weekly', 'monthly']).optional(),
  timeoutMs: positiveInt(15 * 60_000).optional(),
  // No larger: the snapshot decoder refuses more than MAX_SNAPSHOT_BYTES whatever was downloaded.
  maxBytes: positiveInt(MAX_SNAPSHOT_BYTES).optional(),
});

const s3SourceSchema = z.strictObject({
  id: idSchema,
  kind: z.literal('s3-csv'),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
  prefix: z.string(),
  /** Where ingested objects are moved to; default `processed/` + prefix. */
  processedPrefix: z.string().min(1, 'must not be empty').optional(),
  schedule: z.enum(['daily', 'weekly', 'monthly']).optional(),
  maxBytes: positiveInt(MAX_SNAPSHOT_BYTES).optional(),
});

const sourceSchema = z.discriminatedUnion('kind', [httpSourceSchema, s3SourceSchema], {
  error: 'must have "kind": "http-json", "http-csv" or "s3-csv"',
});

export const sourcesFileSchema = z
  .strictObject({
    programme: idSchema,
    sources: z.array(sourceSchema, { error: 'must be a list of sources' }),
    /** Hosts that may be reached over plain http and on loopback (local testing only). */
    allowHosts: z.array(z.string().min(1)).optional(),
  })
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.sources.forEach((source, index) => {
      const first = seen.get(source.id);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['sources', index, 'id'],
          message: `duplicate source id "${source.id}" (also sources[${first}])`,
        });
      } else seen.set(source.id, index);
      if (source.kind !== 's3-csv') {
        // zod runs this refinement even when the URL itself was refused above.
        const url = URL.canParse(source.url) ? new URL(source.url) : undefined;
        if (url?.protocol === 'http:' && !isAllowListed(url.hostname, file.allowHosts ?? [])) {
          context.addIssue({
            code: 'custom',
            path: ['sources', index, 'url'],
            message: `plain http is only allowed for hosts listed in "allowHosts" (${url.hostname} is not)`,
          });
        }
      } else {
        const processed = processedPrefixOf(source);
        if (source.prefix !== '' && processed.startsWith(source.prefix)) {
          context.addIssue({
            code: 'custom',
            path: ['sources', index, 'processedPrefix'],
            message: 'must not lie under "prefix", or processed objects would be listed again',
          });
        }
      }
    });
  });

export type SourcesFile = z.infer<typeof sourcesFileSchema>;
export type SourceEntry = SourcesFile['sources'][number];
export type HttpSource = z.infer<typeof httpSourceSchema>;
export type S3CsvSource = z.infer<typeof s3SourceSchema>;
export type SecretRef = z.infer<typeof secretRefSchema>;

export function processedPrefixOf(source: S3CsvSource): string {
  return source.processedPrefix ?? `processed/${source.prefix}`;
}

/** Host names compare case-insensitively; IPv6 literals with or without brackets. */
export function isAllowListed(hostname: string, allowHosts: readonly string[]): boolean {
  const bare = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const wanted = bare(hostname);
  return allowHosts.some((host) => bare(host) === wanted);
}

/**
 * Why a sources file may not be deployed, or nothing. `allowHosts` opens plain http and loopback
 * to the fetcher: in a Lambda function loopback is the runtime API (127.0.0.1:9001), which hands
 * out the next invocation's event, so any sources file could read or answer invocations. Synth
 * refuses such a file, and a function in the Lambda runtime refuses it again when it loads it.
 */
export function deploymentProblems(sources: SourcesFile, file: string): Problem[] {
  if ((sources.allowHosts ?? []).length === 0) return [];
  return [
    {
      file,
      location: 'allowHosts',
      message:
        'is for local testing only; a deployed function refuses it (it would open loopback, i.e. the Lambda runtime API, to the fetcher): remove it and use https sources',
    },
  ];
}

/** Parses and checks a sources file; every problem names the file and the JSON path. */
export function parseSourcesFile(input: string | Uint8Array, file: string): SourcesFile {
  const text = typeof input === 'string' ? input : decodeUtf8(input, file, MAX_SOURCES_FILE_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidInputError([{ file, message: describeJsonSyntaxError(error, text) }], { cause: error });
  }
  return parseInput(sourcesFileSchema, raw, file);
}
