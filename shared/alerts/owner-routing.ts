import type { Programme } from '../catalog/programme.ts';
import { alertKey, type PendingNotice, pendingNotices, recipientKey } from './alert-notice.ts';
import type { AlertStateRecord } from './alert-state.ts';
import { channelsOf, contactOf, ownerRecipients } from './recipients.ts';

/**
 * Copies to the indicator's owner every notice the lifecycle raised in this run for the unit
 * that answers for an alert: the owner (the department accountable for the indicator across
 * units) hears what each unit hears, as one roll-up per run. The copies are stored with the
 * alert like any notice, so they are delivered exactly once and survive a failed run; a retry
 * raises none again, because it finds no new notice of its own.
 */
export function routeToOwners(
  programme: Programme,
  previous: readonly AlertStateRecord[],
  states: readonly AlertStateRecord[],
): AlertStateRecord[] {
  const unchanged = new Set(previous);
  const earlierIds = new Map<string, Set<string>>();
  for (const record of previous) {
    earlierIds.set(alertKey(record), new Set(pendingNotices(record).map((notice) => notice.id)));
  }
  return states.map((record) => {
    if (unchanged.has(record)) return record;
    const owners = ownerRecipients(programme, record.indicator);
    if (owners.length === 0) return record;
    const known = earlierIds.get(alertKey(record)) ?? new Set<string>();
    const pending = pendingNotices(record);
    const fresh = pending.filter((notice) => notice.audience === 'responsible' && !known.has(notice.id));
    const ids = new Set(pending.map((notice) => notice.id));
    const copies: PendingNotice[] = [];
    const events = new Set<string>();
    for (const notice of fresh) {
      // The unit's notice exists once per channel; the owner's copy once per event.
      const eventKey = `${notice.event}:${notice.level}:${notice.raisedOn}`;
      if (events.has(eventKey)) continue;
      events.add(eventKey);
      for (const owner of owners) {
        for (const channel of channelsOf(contactOf(programme, owner))) {
          const { runKey: _runKey, ...rest } = notice;
          const id = `${notice.event}:${notice.level}:${notice.raisedOn}:${recipientKey(owner)}:${channel}`;
          if (ids.has(id)) continue;
          ids.add(id);
          copies.push({ ...rest, id, recipient: owner, channel, audience: 'owner' });
        }
      }
    }
    return copies.length === 0 ? record : { ...record, pending: [...pending, ...copies] };
  });
}
