import type { Programme } from '../catalog/programme.ts';
import type { MuteEvent } from '../domain/audit-event.ts';
import { type Mute, patternMatches } from './mute.ts';

/**
 * The audit events of setting or lifting a mute: one per unit it matches, so that each unit's
 * timeline (`dtwatch history`) shows why its alerts went quiet and who decided it. A mute of one
 * indicator names it; a pattern of indicators is recorded as the whole unit.
 */
export function muteAuditEvents(
  programme: Programme,
  mute: Mute,
  action: MuteEvent['action'],
  change: { at: string; by: string },
): MuteEvent[] {
  const indicator = mute.indicator.includes('*') ? undefined : mute.indicator;
  return programme.catalog.units
    .filter((unit) => patternMatches(mute.unit, unit.id) && patternMatches(mute.level, unit.level))
    .map((unit) => ({
      kind: 'mute',
      programme: programme.id,
      at: change.at,
      unit: unit.id,
      ...(indicator !== undefined && { indicator }),
      action,
      by: change.by,
      until: mute.until,
      reason: `${mute.reason} (${mute.id})`,
    }));
}
