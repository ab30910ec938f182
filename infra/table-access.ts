import {
  acknowledgementPk,
  alertShardPk,
  auditPartitionPattern,
  digestPk,
  EMAIL_STATE_PK,
  finalRecordPk,
  ledgerPk,
  observationShardPk,
  quarantinePk,
  revisionPk,
  sourceRunPk,
  tenurePk,
} from '../shared/adapters/dynamodb/item-keys.ts';

/**
 * What each function may do to the table: the DynamoDB actions its use-case issues, and the item
 * kinds it touches, as `dynamodb:LeadingKeys` patterns built from the store's own key functions
 * (every partition key is `<KIND>#<programme>[#…]`). Derived from the store adapter: ingest reads
 * current values (Query, BatchGetItem), writes observations, revisions and quarantine rows
 * (BatchWriteItem) and one run record (PutItem), and never deletes; evaluate-notify reads
 * observations, alert states, acknowledgements and the ledger, writes alert states and claims,
 * marks and releases ledger entries, reads the directory of people and keeps the e-mail
 * subscription states (the sync before each run), writes dissolved units' final records and
 * the audit records of the messages it sent; the digest reads and writes the ledger and its own
 * record, reads the final records and writes the audit records of its e-mails.
 * No function queries the index (the CLI's `status --source` does).
 */

export type TableUser = 'ingest' | 'evaluate-notify' | 'digest' | 's3-inbox';

type ItemKind =
  | 'OBS'
  | 'REV'
  | 'QUAR'
  | 'RUN'
  | 'ALERT'
  | 'ACK'
  | 'NOTE'
  | 'DIGEST'
  | 'PEOPLE'
  | 'EMAILSUB'
  | 'FINAL'
  | 'AUDIT';

const ANY = '*';
const PARTITIONS: Record<ItemKind, (programme: string) => string> = {
  OBS: (programme) => observationShardPk(programme, ANY),
  REV: (programme) => revisionPk(programme, ANY),
  QUAR: quarantinePk,
  RUN: sourceRunPk,
  ALERT: (programme) => alertShardPk(programme, ANY),
  ACK: acknowledgementPk,
  NOTE: (programme) => ledgerPk(programme, ANY),
  DIGEST: digestPk,
  PEOPLE: tenurePk,
  // E-mail subscription states are per address across programmes: the topics are per stage.
  EMAILSUB: () => EMAIL_STATE_PK,
  FINAL: finalRecordPk,
  AUDIT: auditPartitionPattern,
};

/** Some actions on the partitions of some item kinds. */
interface Grant {
  readonly actions: readonly string[];
  readonly kinds: readonly ItemKind[];
}

const READ = ['GetItem', 'Query'];
const PULL: readonly Grant[] = [
  { actions: ['BatchGetItem', 'Query'], kinds: ['OBS'] },
  { actions: ['BatchWriteItem'], kinds: ['OBS', 'QUAR', 'REV'] },
  { actions: ['PutItem'], kinds: ['RUN'] },
];
/** Claim (conditional put, then a read when refused), mark sent, release. */
const LEDGER: Grant = { actions: ['DeleteItem', 'PutItem', 'UpdateItem'], kinds: ['NOTE'] };

export const TABLE_ACCESS: Record<TableUser, readonly Grant[]> = {
  ingest: PULL,
  's3-inbox': PULL,
  'evaluate-notify': [
    { actions: READ, kinds: ['ACK', 'ALERT', 'EMAILSUB', 'FINAL', 'NOTE', 'OBS', 'PEOPLE'] },
    { actions: ['BatchWriteItem'], kinds: ['ALERT', 'AUDIT', 'EMAILSUB'] },
    // A dissolved unit's final record: one conditional put, never replaced.
    { actions: ['PutItem'], kinds: ['FINAL'] },
    LEDGER,
  ],
  digest: [
    { actions: READ, kinds: ['ACK', 'ALERT', 'DIGEST', 'FINAL', 'NOTE', 'OBS', 'QUAR', 'RUN'] },
    { actions: ['PutItem'], kinds: ['DIGEST'] },
    { actions: ['BatchWriteItem'], kinds: ['AUDIT'] },
    LEDGER,
  ],
};

/** `dynamodb:LeadingKeys` patterns of some item kinds, for every deployed programme. */
export function leadingKeys(kinds: readonly ItemKind[], programmes: readonly string[]): string[] {
  return [...new Set(programmes.flatMap((programme) => kinds.map((kind) => PARTITIONS[kind](programme))))];
}
