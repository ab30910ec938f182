import type { Channel } from '../../domain/channel.ts';
import type { SourceRun } from '../../domain/ingest-records.ts';
import type { LedgerKey } from '../../domain/notification-ledger-entry.ts';
import { isoInstant, observationId, quarantineId, UNIT_WIDE } from '../store-rules.ts';

/**
 * Key strings of every item kind (docs/data-model.md derives them from the access patterns).
 * Separators are `#`; catalog ids cannot contain it.
 */

/** A unit's items live in one of 16 partitions per programme, so a programme reads in 16 streams. */
export const SHARD_COUNT = 16;

export function shardOf(unit: string): string {
  // FNV-1a: stable across processes and versions, unlike anything seeded.
  let hash = 0x811c9dc5;
  for (let i = 0; i < unit.length; i++) {
    hash ^= unit.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % SHARD_COUNT).padStart(2, '0');
}

export function allShards(): string[] {
  return Array.from({ length: SHARD_COUNT }, (_, shard) => String(shard).padStart(2, '0'));
}

export function epochSeconds(timestamp: string): number {
  return Math.floor(new Date(timestamp).getTime() / 1000);
}

// ── observations ──────────────────────────────────────────────────────────────────────────────
export const observationPk = (programme: string, unit: string) => `OBS#${programme}#${shardOf(unit)}`;
export const observationShardPk = (programme: string, shard: string) => `OBS#${programme}#${shard}`;
export const observationSk = observationId;

export function parseObservationSk(sk: string): { unit: string; indicator: string; date: string } {
  const [unit = '', indicator = '', date = ''] = sk.split('#');
  return { unit, indicator, date };
}

export const revisionPk = (programme: string, unit: string) => `REV#${programme}#${unit}`;
export const revisionSk = (indicator: string, date: string, revision: number) =>
  `${indicator}#${date}#${String(revision).padStart(6, '0')}`;

// ── alerts and acknowledgements ───────────────────────────────────────────────────────────────
export const alertShardPk = (programme: string, shard: string) => `ALERT#${programme}#${shard}`;
export const alertPk = (programme: string, unit: string) => alertShardPk(programme, shardOf(unit));
export const alertSk = (unit: string, indicator: string, kind: string) => `${unit}#${indicator}#${kind}`;

export const acknowledgementPk = (programme: string) => `ACK#${programme}`;
export const acknowledgementSk = (unit: string, indicator: string | undefined) =>
  `${unit}#${indicator ?? UNIT_WIDE}`;

/** Silences (`dtwatch mute`): one partition per programme, sorted by id; never deleted. */
export const mutePk = (programme: string) => `MUTE#${programme}`;

// ── notification ledger and digests ───────────────────────────────────────────────────────────
export const ledgerPk = (programme: string, runKey: string) => `NOTE#${programme}#${runKey}`;
export const ledgerSk = (channel: Channel, recipient: string) => `${channel}#${recipient}`;
export const ledgerKey = (key: LedgerKey) => ({
  pk: ledgerPk(key.programme, key.runKey),
  sk: ledgerSk(key.channel, key.recipient),
});

export const digestPk = (programme: string) => `DIGEST#${programme}`;

/** A dissolved unit's final record: one partition per programme, sorted by unit id. */
export const finalRecordPk = (programme: string) => `FINAL#${programme}`;

// ── audit trail ───────────────────────────────────────────────────────────────────────────────
/** A unit's timeline in one partition, newest last by instant; `-` holds programme-wide events. */
export const auditPk = (programme: string, unit: string) => `AUDIT#${programme}#${unit === '' ? '-' : unit}`;
export const auditPartitionPattern = (programme: string) => `AUDIT#${programme}#*`;

// ── ingestion bookkeeping ─────────────────────────────────────────────────────────────────────
export const sourceRunPk = (programme: string) => `RUN#${programme}`;
export const sourceRunGsiPk = (programme: string, source: string) => `RUN#${programme}#${source}`;
export function sourceRunKeys(run: SourceRun) {
  const startedAt = isoInstant(run.startedAt);
  const runKey = run.runKey ?? '';
  return {
    pk: sourceRunPk(run.programme),
    sk: `${startedAt}#${run.source}#${runKey}`,
    gsi1pk: sourceRunGsiPk(run.programme, run.source),
    gsi1sk: `${startedAt}#${runKey}`,
  };
}

export const quarantinePk = (programme: string) => `QUAR#${programme}`;
export const quarantineSk = quarantineId;

// ── directory of people ───────────────────────────────────────────────────────────────────────
/** Every tenure of a programme in one partition: the whole directory reads in one query. */
export const tenurePk = (programme: string) => `PEOPLE#${programme}`;
export const tenureSk = (seat: string, validFrom: string) => `${seat}#${validFrom}`;
/** E-mail subscription states are per address, across programmes (the topics are per stage). */
export const EMAIL_STATE_PK = 'EMAILSUB';
/**
 * Which programmes want each address, in one stage-wide partition like the states: a programme's
 * sync reads every entry (is anyone else still asking for this address?) and writes only its own.
 */
export const EMAIL_INTEREST_PK = 'EMAILWANT';
export const emailInterestSk = (address: string, programme: string) => `${address}#${programme}`;

export { isoInstant, UNIT_WIDE };

// ── web app ───────────────────────────────────────────────────────────────────────────────────
/** Spent sign-in links of a programme, sorted by link id (kept until the link expires, by TTL). */
export const signInPk = (programme: string) => `SIGNIN#${programme}`;
