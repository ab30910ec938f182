import type { Programme } from '../catalog/programme.ts';
import type { RecipientRef } from './alert-notice.ts';
import { responsibleRecipient } from './recipients.ts';

/**
 * Who hears that a source is down: the programme's operators; without any, whoever reports the
 * data of the top of each unit tree (its data contact, else its head), who can chase the provider.
 */
export function sourceDownRecipients(programme: Programme): RecipientRef[] {
  const { operators } = programme.catalog.programme;
  if (operators.length > 0) return operators.map((_operator, index) => ({ role: 'operator', index }));
  return programme.catalog.units
    .filter((unit) => unit.parent === undefined || !programme.units.has(unit.parent))
    .map((unit) => responsibleRecipient(programme, unit.id, 'missing'));
}
