import type { AcknowledgementStore } from '../ports/acknowledgement-store.ts';
import type { AlertStateStore } from '../ports/alert-state-store.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { DigestArchive } from '../ports/digest-archive.ts';
import type { Directory } from '../ports/directory.ts';
import type { FinalRecords } from '../ports/final-records.ts';
import type { IngestLog } from '../ports/ingest-log.ts';
import type { Mutes } from '../ports/mutes.ts';
import type { ObservationRevisions } from '../ports/observation-revisions.ts';
import type { ObservationStore } from '../ports/observation-store.ts';
import type { SignInTokens } from '../ports/sign-in-tokens.ts';

/** What the web app reads, and writes besides spent links, mutes, people and the audit trail: acknowledgements. */
export type WebStore = Pick<ObservationStore, 'programmeObservations' | 'observationPartitions'> &
  Pick<AlertStateStore, 'listAlertStates'> &
  AcknowledgementStore &
  Pick<IngestLog, 'listSourceRuns' | 'listQuarantined'> &
  Pick<DigestArchive, 'getDigest'>;

/** Every port the web app uses, as an entry point opens them (the table, or the in-memory twins). */
export interface WebPorts {
  readonly store: WebStore;
  /** Read by the pages; written by the office's directory page. */
  readonly directory: Pick<Directory, 'listTenures' | 'listEmailStates' | 'putTenures'>;
  /** The office's mutes page (`dtwatch mute`'s use-cases). */
  readonly mutes: Mutes;
  readonly signInTokens: SignInTokens;
  readonly revisions: ObservationRevisions;
  readonly finalRecords?: FinalRecords;
  /** Who was told what, on which data; acknowledgements, mutes and directory changes are recorded here. */
  readonly auditTrail: AuditTrail;
}
