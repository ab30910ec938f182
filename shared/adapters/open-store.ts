import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ConfigError } from '../errors.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Directory } from '../ports/directory.ts';
import type { ObservationRevisions } from '../ports/observation-revisions.ts';
import type { SignInTokens } from '../ports/sign-in-tokens.ts';
import { parseConfig } from '../zod-problems.ts';
import { createDynamoAuditTrail } from './dynamodb/dynamo-audit-trail.ts';
import { createDynamoDirectory } from './dynamodb/dynamo-directory.ts';
import { DynamoFinalRecords } from './dynamodb/dynamo-final-records.ts';
import { DynamoMutes } from './dynamodb/dynamo-mutes.ts';
import { DynamoStore } from './dynamodb/dynamo-store.ts';
import { DynamoObservationRevisions, DynamoSignInTokens } from './dynamodb/dynamo-web-reads.ts';
import { startEmbeddedDynamo } from './dynamodb/embedded-dynalite.ts';
import { ensureTable, type TableReadiness } from './dynamodb/ensure-table.ts';
import { EMBEDDED_TABLE_NAME } from './dynamodb/table-definition.ts';
import { AWS_REQUEST_TIMEOUTS } from './request-timeouts.ts';

export { ensureTable, type TableReadiness };

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

const storeEnvironment = z.object({
  DTWATCH_TABLE: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(
        /^[A-Za-z0-9_.-]{3,255}$/,
        'must be a DynamoDB table name (3-255 letters, digits, "_", "-", ".")',
      )
      .optional(),
  ),
  DTWATCH_DATA_DIR: z.preprocess(blankAsUnset, z.string().optional()),
  DTWATCH_AUDIT_RETAIN_UNTIL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T.+)?$/, 'must be a date or an ISO-8601 instant')
      .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date')
      .optional(),
  ),
});

export interface StoreConfig {
  /** The DynamoDB table to use through the standard SDK configuration; unset: embedded store. */
  readonly table?: string;
  readonly dataDir?: string;
  /** Until when audit records are kept (default shared/domain/audit-event.ts). */
  readonly auditRetainUntil?: string;
}

/** Reads the store's settings from the environment once; ConfigError names the bad variable. */
export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const parsed = parseConfig(storeEnvironment, env);
  return {
    table: parsed.DTWATCH_TABLE,
    dataDir: parsed.DTWATCH_DATA_DIR,
    ...(parsed.DTWATCH_AUDIT_RETAIN_UNTIL !== undefined && {
      auditRetainUntil: parsed.DTWATCH_AUDIT_RETAIN_UNTIL,
    }),
  };
}

export interface OpenedStore {
  readonly store: DynamoStore;
  /** Dissolved units' final records, in the same table. */
  readonly finalRecords: DynamoFinalRecords;
  /** The directory of people, in the same table. */
  readonly directory: Directory;
  /** Silences (`dtwatch mute`), in the same table. */
  readonly mutes: DynamoMutes;
  /** The audit trail, in the same table. */
  readonly auditTrail: AuditTrail;
  /** The web app's spent sign-in links and revision history, in the same table. */
  readonly signInTokens: SignInTokens;
  readonly revisions: ObservationRevisions;
  readonly tableName: string;
  /** For people: where the data lives (no secrets). */
  readonly description: string;
  /** The low-level client (for `store init`, benchmarks and tests). */
  readonly client: DynamoDBClient;
  /** Embedded store only: whether this call created the table. */
  readonly tableCreated: boolean;
  /** Embedded store only: its folder (absolute), for lines people read in their language. */
  readonly embeddedDir?: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Embedded store folder; beats DTWATCH_DATA_DIR; default `.dtwatch/` in the working directory. */
  readonly dataDir?: string;
  /** Environment to read the settings from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The one way entry points get a Store: the configured DynamoDB table when DTWATCH_TABLE is set
 * (AWS_REGION, AWS_ENDPOINT_URL and credentials come from the standard SDK chain), otherwise an
 * embedded dynalite persisted under the data folder, its table created on first use.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const env = options.env ?? process.env;
  const config = readStoreConfig(env);
  if (config.table) {
    const { client, location } = await configuredClient(env);
    const documents = documentClient(client);
    return {
      store: new DynamoStore({ client: documents, tableName: config.table }),
      finalRecords: new DynamoFinalRecords({ client: documents, tableName: config.table }),
      directory: createDynamoDirectory({ client: documents, tableName: config.table }),
      mutes: new DynamoMutes({ client: documents, tableName: config.table }),
      auditTrail: auditTrailOf(documents, config.table, config),
      signInTokens: new DynamoSignInTokens({ client: documents, tableName: config.table }),
      revisions: new DynamoObservationRevisions({ client: documents, tableName: config.table }),
      tableName: config.table,
      description: `DynamoDB table ${config.table} (${location})`,
      client,
      tableCreated: false,
      async close() {
        client.destroy();
      },
    };
  }

  const dataDir = resolve(options.dataDir ?? config.dataDir ?? '.dtwatch');
  const embedded = await startEmbeddedDynamo(dataDir);
  // Local, throw-away settings for this client only: dynalite checks neither region nor keys.
  const client = new DynamoDBClient({
    endpoint: embedded.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const readiness = await ensureTable(client, EMBEDDED_TABLE_NAME);
    const documents = documentClient(client);
    return {
      store: new DynamoStore({ client: documents, tableName: EMBEDDED_TABLE_NAME }),
      finalRecords: new DynamoFinalRecords({ client: documents, tableName: EMBEDDED_TABLE_NAME }),
      directory: createDynamoDirectory({ client: documents, tableName: EMBEDDED_TABLE_NAME }),
      mutes: new DynamoMutes({ client: documents, tableName: EMBEDDED_TABLE_NAME }),
      auditTrail: auditTrailOf(documents, EMBEDDED_TABLE_NAME, config),
      signInTokens: new DynamoSignInTokens({ client: documents, tableName: EMBEDDED_TABLE_NAME }),
      revisions: new DynamoObservationRevisions({ client: documents, tableName: EMBEDDED_TABLE_NAME }),
      tableName: EMBEDDED_TABLE_NAME,
      description: `embedded store in ${dataDir}`,
      embeddedDir: dataDir,
      client,
      tableCreated: readiness.created,
      async close() {
        client.destroy();
        await embedded.close();
      },
    };
  } catch (error) {
    client.destroy();
    await embedded.close();
    throw error;
  }
}

/**
 * The client for a configured table: the standard SDK configuration only (AWS_REGION,
 * AWS_ENDPOINT_URL, credentials chain). `location` says where, for people.
 */
export async function configuredClient(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ client: DynamoDBClient; location: string }> {
  const client = new DynamoDBClient({ ...AWS_REQUEST_TIMEOUTS });
  const region = await client.config.region().catch((error: unknown) => {
    client.destroy();
    throw new ConfigError('AWS_REGION is not set (the SDK needs a region when DTWATCH_TABLE is set)', {
      cause: error,
    });
  });
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL;
  return { client, location: `${region}${endpoint ? `, ${endpoint}` : ''}` };
}

function auditTrailOf(client: DynamoDBDocumentClient, tableName: string, config: StoreConfig): AuditTrail {
  return createDynamoAuditTrail({
    client,
    tableName,
    ...(config.auditRetainUntil !== undefined && { retainUntil: config.auditRetainUntil }),
  });
}

function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
