import { type AuditEvent, auditEventId, newestFirst, onTimeline } from '../../domain/audit-event.ts';
import type { AuditTrail } from '../../ports/audit-trail.ts';

/** The audit trail in a Map: the tests' twin of the DynamoDB adapter. */
export function createMemoryAuditTrail(): AuditTrail {
  const events = new Map<string, AuditEvent>();
  return {
    async record(list) {
      for (const event of list) events.set(`${event.programme}\u0000${auditEventId(event)}`, event);
    },
    async auditTimeline({ programme, unit, indicator, limit }) {
      const timeline = [...events.values()]
        .filter((event) => event.programme === programme && event.unit === unit)
        .flatMap((event) => onTimeline(event, indicator) ?? [])
        .sort(newestFirst);
      return limit === undefined ? timeline : timeline.slice(0, limit);
    },
  };
}
