import {
  acknowledgementPk,
  alertShardPk,
  auditPartitionPattern,
  digestPk,
  EMAIL_INTEREST_PK,
  EMAIL_STATE_PK,
  finalRecordPk,
  ledgerPk,
  mutePk,
  observationShardPk,
  quarantinePk,
  revisionPk,
  signInPk,
  sourceRunPk,
  tenurePk,
} from '../shared/adapters/dynamodb/item-keys.ts';

/**
 * What each function may do to the table: the DynamoDB actions its use-case issues, and the item
 * kinds it touches, as `dynamodb:LeadingKeys` patterns built from the store's own key functions
 * (every partition key is `<KIND>#<programme>[#…]`). Derived from the store adapter: ingest reads
 * current values (Query, BatchGetItem), writes observations, revisions and quarantine rows
 * (BatchWriteItem) and one run record (PutItem), and never deletes; evaluate-notify reads
 * observations, alert states, acknowledgements, mutes, the source runs (a source down) and the
 * ledger, writes alert states and claims,
 * marks and releases ledger entries, reads the directory of people and keeps the e-mail
 * subscription states (the sync before each run), writes dissolved units' final records and
 * the audit records of the messages it sent; the digest reads and writes the ledger and its own
 * record, reads the final records and writes the audit records of its e-mails. The web function
 * reads what its pages show, writes acknowledgements, spends sign-in links, and for the office
 * writes mutes, people and the audit records of those changes.
 * No function queries the index (the CLI's `status --source` does).
 */

export type TableUser = 'ingest' | 'evaluate-notify' | 'digest' | 's3-inbox' | 'web';

type ItemKind =
  | 'OBS'
  | 'REV'
  | 'QUAR'
  | 'RUN'
  | 'ALERT'
  | 'ACK'
  | 'MUTE'
  | 'NOTE'
  | 'DIGEST'
  | 'PEOPLE'
  | 'EMAILSUB'
  | 'EMAILWANT'
  | 'FINAL'
  | 'AUDIT'
  | 'SIGNIN';

const ANY = '*';
const PARTITIONS: Record<ItemKind, (programme: string) => string> = {
  OBS: (programme) => observationShardPk(programme, ANY),
  REV: (programme) => revisionPk(programme, ANY),
  QUAR: quarantinePk,
  RUN: sourceRunPk,
  ALERT: (programme) => alertShardPk(programme, ANY),
  ACK: acknowledgementPk,
  MUTE: mutePk,
  NOTE: (programme) => ledgerPk(programme, ANY),
  DIGEST: digestPk,
  PEOPLE: tenurePk,
  // E-mail subscription states are per address across programmes: the topics are per stage.
  EMAILSUB: () => EMAIL_STATE_PK,
  // Which programmes want each address: stage-wide too, each programme writing its own entries.
  EMAILWANT: () => EMAIL_INTEREST_PK,
  FINAL: finalRecordPk,
  AUDIT: auditPartitionPattern,
  SIGNIN: signInPk,
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
    {
      actions: READ,
      kinds: ['ACK', 'ALERT', 'EMAILSUB', 'EMAILWANT', 'FINAL', 'MUTE', 'NOTE', 'OBS', 'PEOPLE', 'RUN'],
    },
    { actions: ['BatchWriteItem'], kinds: ['ALERT', 'AUDIT', 'EMAILSUB', 'EMAILWANT'] },
    // A dissolved unit's final record: one conditional put, never replaced.
    { actions: ['PutItem'], kinds: ['FINAL'] },
    LEDGER,
  ],
  digest: [
    {
      actions: READ,
      kinds: ['ACK', 'ALERT', 'DIGEST', 'EMAILSUB', 'FINAL', 'NOTE', 'OBS', 'PEOPLE', 'QUAR', 'RUN'],
    },
    { actions: ['PutItem'], kinds: ['DIGEST'] },
    { actions: ['BatchWriteItem'], kinds: ['AUDIT'] },
    LEDGER,
  ],
  // The web app reads what its pages show (revisions for the series page, the audit trail's
  // timeline), writes acknowledgements from its form, spends sign-in links (a conditional put),
  // and for the office sets and lifts mutes and changes the directory, each change in the trail.
  web: [
    {
      actions: READ,
      kinds: ['ACK', 'ALERT', 'AUDIT', 'DIGEST', 'EMAILSUB', 'MUTE', 'OBS', 'PEOPLE', 'QUAR', 'REV', 'RUN'],
    },
    { actions: ['PutItem'], kinds: ['ACK', 'MUTE', 'SIGNIN'] },
    { actions: ['UpdateItem'], kinds: ['MUTE'] },
    { actions: ['BatchWriteItem'], kinds: ['AUDIT', 'PEOPLE'] },
  ],
};

/** `dynamodb:LeadingKeys` patterns of some item kinds, for every deployed programme. */
export function leadingKeys(kinds: readonly ItemKind[], programmes: readonly string[]): string[] {
  return [...new Set(programmes.flatMap((programme) => kinds.map((kind) => PARTITIONS[kind](programme))))];
}
