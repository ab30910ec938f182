import type { AcknowledgementStore } from './acknowledgement-store.ts';
import type { AlertStateStore } from './alert-state-store.ts';
import type { DigestArchive } from './digest-archive.ts';
import type { IngestLog } from './ingest-log.ts';
import type { NotificationLedger } from './notification-ledger.ts';
import type { ObservationStore } from './observation-store.ts';

/**
 * Every storage port at once, as one adapter (the DynamoDB table, or its in-memory twin) provides
 * them. Only entry points and tests hold this; each use-case asks for the ports it uses.
 */
export type StoreSet = ObservationStore &
  IngestLog &
  AlertStateStore &
  AcknowledgementStore &
  NotificationLedger &
  DigestArchive;
