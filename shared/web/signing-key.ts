import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AWS_REQUEST_TIMEOUTS } from '../adapters/request-timeouts.ts';
import { ConfigError } from '../errors.ts';
import { onFirstUse } from '../runtime/memo.ts';

/** The key's file in the local data folder (created once, readable by its owner only). */
export const LOCAL_KEY_FILE = 'web-signing.key';
const KEY_BYTES = 32;
/** A rotated secret is picked up within the hour; a warm function reads it once per hour at most. */
const SECRET_MAX_AGE_SECONDS = 3600;

/**
 * The local signing key of `dtwatch serve` and `dtwatch web link`: 32 random bytes in
 * `<data dir>/web-signing.key`, made on first use. Links signed with it open only this data folder.
 */
export async function localSigningKey(dataDir: string): Promise<Uint8Array> {
  const file = join(dataDir, LOCAL_KEY_FILE);
  try {
    return decodeKey(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    // `wx`: two processes starting together do not overwrite each other's key.
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeKey(await readFile(file, 'utf8'), file);
  }
}

const secretsClient = onFirstUse(() => new SecretsManagerClient({ ...AWS_REQUEST_TIMEOUTS }));
const secrets = onFirstUse(() => new SecretsProvider({ awsSdkV3Client: secretsClient() }));

/** The deployed key: a Secrets Manager secret holding base64 of at least 32 random bytes. */
export async function secretSigningKey(secretName: string): Promise<Uint8Array> {
  let value: unknown;
  try {
    value = await secrets().get(secretName, { maxAge: SECRET_MAX_AGE_SECONDS });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new ConfigError(
      `cannot read the web signing key secret ${secretName}: ${cause instanceof Error ? cause.name : 'unknown error'}`,
      { cause: error },
    );
  }
  if (typeof value !== 'string') throw new ConfigError(`secret ${secretName} has no string value`);
  return decodeKey(value, `secret ${secretName}`);
}

/**
 * The key of a command run by an operator: the deployment's secret when DTWATCH_WEB_KEY_SECRET
 * names it, else the data folder's local key (the one `dtwatch serve` signs with).
 */
export async function configuredSigningKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Uint8Array> {
  const secret = env.DTWATCH_WEB_KEY_SECRET;
  return secret ? secretSigningKey(secret) : localSigningKey(dataDir);
}

function decodeKey(text: string, where: string): Uint8Array {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length < KEY_BYTES) {
    throw new ConfigError(`${where}: the web signing key must be base64 of at least ${KEY_BYTES} bytes`);
  }
  return key;
}
