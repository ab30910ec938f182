import type { S3Client } from '@aws-sdk/client-s3';
import type { FetchSource, SourceDelivery } from '../ports/source-fetcher.ts';
import { describeUrl, type HttpFetch } from './http-fetcher.ts';
import { s3Deliveries } from './s3-csv-source.ts';
import type { SecretResolver } from './secret-resolver.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, type HttpSource } from './source-config.ts';

/** Wires the source kinds of a sources file to their adapters. */
export function createSourceFetcher(deps: {
  http: HttpFetch;
  secrets: SecretResolver;
  s3?: Pick<S3Client, 'send'>;
}): FetchSource {
  return (source) => {
    if (source.kind === 's3-csv') return s3Deliveries(source, deps.s3);
    return single(httpDelivery(source, deps.http, deps.secrets));
  };
}

function httpDelivery(source: HttpSource, http: HttpFetch, secrets: SecretResolver): SourceDelivery {
  return {
    name: describeUrl(source.url),
    async read() {
      const headers: Record<string, string> = {};
      if (source.auth) headers[source.auth.header] = await secrets.resolve(source.auth.secret);
      const body = await http({
        url: source.url,
        headers,
        timeoutMs: source.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBytes: source.maxBytes ?? DEFAULT_MAX_BYTES,
      });
      return { bytes: body.bytes, formatHint: formatHint(source, body.contentType, body.url) };
    },
  };
}

/**
 * A Content-Type that names a snapshot format wins, then the URL's extension, then the kind:
 * CSV for http-csv; for http-json nothing, so the content tells JSON from NDJSON.
 */
export function formatHint(
  source: HttpSource,
  contentType: string | undefined,
  url: string,
): string | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (/json|csv|tab-separated/.test(type)) return type;
  const path = new URL(url).pathname.toLowerCase();
  if (/\.(json|ndjson|jsonl|csv|tsv)$/.test(path)) return path;
  return source.kind === 'http-csv' ? 'text/csv' : undefined;
}

async function* single(delivery: SourceDelivery): AsyncIterable<SourceDelivery> {
  yield delivery;
}
