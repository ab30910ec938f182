import type { AuditEvent, AuditQuery } from '../domain/audit-event.ts';

/**
 * The audit trail (shared/domain/audit-event.ts): written by the alert run, the digest, and
 * whoever acknowledges, mutes or changes the directory; read as a unit's timeline by
 * `dtwatch history` and the web pages.
 */
export interface AuditTrail {
  /** Records events; the same event twice is kept once. Either all are written or it throws. */
  record(events: readonly AuditEvent[]): Promise<void>;
  /** One unit's events (optionally one indicator's), newest first, at most `limit`. */
  auditTimeline(query: AuditQuery): Promise<AuditEvent[]>;
}
