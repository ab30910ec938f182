import type { Acknowledgement } from '../alerts/acknowledgement.ts';
import type { AcknowledgementEvent } from '../domain/audit-event.ts';
import type { AcknowledgementStore } from '../ports/acknowledgement-store.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';

export interface AcknowledgementDeps {
  readonly store: Pick<AcknowledgementStore, 'putAcknowledgement' | 'removeAcknowledgement'>;
  readonly audit: AuditTrail;
}

/** Stores an acknowledgement and records it on the unit's audit trail (`dtwatch ack`, the web form). */
export async function acknowledge(
  ack: Acknowledgement,
  deps: AcknowledgementDeps,
  catalogVersion?: string,
): Promise<void> {
  await deps.store.putAcknowledgement(ack);
  await deps.audit.record([
    {
      kind: 'acknowledgement',
      programme: ack.programme,
      at: ack.createdAt,
      unit: ack.unit,
      ...(ack.indicator !== undefined && { indicator: ack.indicator }),
      ...(catalogVersion !== undefined && { catalogVersion }),
      action: 'recorded',
      by: ack.by,
      until: ack.until,
      note: ack.note,
    } satisfies AcknowledgementEvent,
  ]);
}

/** Removes an acknowledgement; false when there was none (nothing recorded then). */
export async function withdrawAcknowledgement(
  target: { programme: string; unit: string; indicator?: string; by: string; at: string },
  deps: AcknowledgementDeps,
): Promise<boolean> {
  const removed = await deps.store.removeAcknowledgement(target.programme, target.unit, target.indicator);
  if (!removed) return false;
  await deps.audit.record([
    {
      kind: 'acknowledgement',
      programme: target.programme,
      at: target.at,
      unit: target.unit,
      ...(target.indicator !== undefined && { indicator: target.indicator }),
      action: 'removed',
      by: target.by,
    },
  ]);
  return true;
}
