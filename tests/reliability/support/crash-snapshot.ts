import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DynamoDBDocumentClient, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { GSI1 } from '../../../shared/adapters/dynamodb/table-definition.ts';
import { openStore } from '../../../shared/adapters/open-store.ts';

/**
 * Everything a local cycle leaves in its data folder, in a comparable form: the folder's own path
 * (in the digest's report location and link) reads `<data>`, so that folders compare.
 */
export interface DataFolderSnapshot {
  /** Every table item as canonical JSON, sorted. */
  readonly items: string[];
  /** Every item of the source-run index, the same way. */
  readonly indexItems: string[];
  /** Outbox file name → content. */
  readonly outbox: Map<string, string>;
  /** Digest file path (relative to digest/) → content. */
  readonly digest: Map<string, string>;
}

/**
 * The local digest e-mail links to the report file in the data folder, so the hash of its text
 * (kept by the audit trail) differs between two folders holding the same run; the text itself is
 * compared through the outbox, with the folder replaced.
 */
function folderFree(item: Record<string, unknown>): Record<string, unknown> {
  return item.kind === 'notification' && item.message === 'digest' && 'messageHash' in item
    ? {
        ...item,
        messageHash: '<hash of a text naming the data folder>',
        // The sort key ends with a hash of the event, hash included.
        sk: String(item.sk).replace(/#[0-9a-f]{16}$/, '#<event hash>'),
      }
    : item;
}

/** Opens the data folder's embedded store as the CLI does and reads all of it. */
export async function snapshotDataFolder(dataDir: string): Promise<DataFolderSnapshot> {
  const folder = resolve(dataDir);
  const withoutFolder = (text: string) => text.replaceAll(folder, '<data>');
  const opened = await openStore({ dataDir, env: {} });
  const documents = DynamoDBDocumentClient.from(opened.client);
  try {
    const scan = async (input: Omit<ScanCommandInput, 'TableName'>) => {
      const items: string[] = [];
      let start: ScanCommandInput['ExclusiveStartKey'];
      do {
        const page = await documents.send(
          new ScanCommand({ ...input, TableName: opened.tableName, ExclusiveStartKey: start }),
        );
        for (const item of page.Items ?? []) items.push(withoutFolder(canonicalJson(folderFree(item))));
        start = page.LastEvaluatedKey;
      } while (start);
      return items.sort();
    };
    return {
      items: await scan({ ConsistentRead: true }),
      indexItems: await scan({ IndexName: GSI1.indexName }),
      outbox: await readFolder(join(dataDir, 'outbox'), withoutFolder),
      digest: await readFolder(join(dataDir, 'digest'), withoutFolder),
    };
  } finally {
    await opened.close();
  }
}

async function readFolder(root: string, clean: (text: string) => string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path), clean(await readFile(path, 'utf8')));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}
