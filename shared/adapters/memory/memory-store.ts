import type { StoreSet } from '../../ports/store-set.ts';
import { MemoryAcknowledgementStore } from './memory-acknowledgement-store.ts';
import { MemoryAlertStateStore } from './memory-alert-state-store.ts';
import { MemoryDigestArchive } from './memory-digest-archive.ts';
import { MemoryIngestLog } from './memory-ingest-log.ts';
import { MemoryNotificationLedger } from './memory-notification-ledger.ts';
import { MemoryObservationStore } from './memory-observation-store.ts';

/** Every in-memory twin, as one object: where an entry point or a test would open the table. */
export interface MemoryStore extends StoreSet {
  /** The twins themselves, for tests that look at what no port exposes (e.g. revisions). */
  readonly parts: {
    readonly observations: MemoryObservationStore;
    readonly ingestLog: MemoryIngestLog;
    readonly alertStates: MemoryAlertStateStore;
    readonly acknowledgements: MemoryAcknowledgementStore;
    readonly ledger: MemoryNotificationLedger;
    readonly digests: MemoryDigestArchive;
  };
}

export function createMemoryStore(): MemoryStore {
  const parts = {
    observations: new MemoryObservationStore(),
    ingestLog: new MemoryIngestLog(),
    alertStates: new MemoryAlertStateStore(),
    acknowledgements: new MemoryAcknowledgementStore(),
    ledger: new MemoryNotificationLedger(),
    digests: new MemoryDigestArchive(),
  };
  const { observations, ingestLog, alertStates, acknowledgements, ledger, digests } = parts;
  return {
    parts,
    putObservations: (...args) => observations.putObservations(...args),
    programmeObservations: (...args) => observations.programmeObservations(...args),
    observationPartitions: (...args) => observations.observationPartitions(...args),
    putQuarantined: (...args) => ingestLog.putQuarantined(...args),
    listQuarantined: (...args) => ingestLog.listQuarantined(...args),
    putSourceRun: (...args) => ingestLog.putSourceRun(...args),
    listSourceRuns: (...args) => ingestLog.listSourceRuns(...args),
    listAlertStates: (...args) => alertStates.listAlertStates(...args),
    putAlertStates: (...args) => alertStates.putAlertStates(...args),
    putAcknowledgement: (...args) => acknowledgements.putAcknowledgement(...args),
    listAcknowledgements: (...args) => acknowledgements.listAcknowledgements(...args),
    removeAcknowledgement: (...args) => acknowledgements.removeAcknowledgement(...args),
    claimNotification: (...args) => ledger.claimNotification(...args),
    markNotificationSent: (...args) => ledger.markNotificationSent(...args),
    releaseNotification: (...args) => ledger.releaseNotification(...args),
    listNotifications: (...args) => ledger.listNotifications(...args),
    putDigestIfAbsent: (...args) => digests.putDigestIfAbsent(...args),
    getDigest: (...args) => digests.getDigest(...args),
  };
}
