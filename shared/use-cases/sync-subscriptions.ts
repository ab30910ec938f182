import type { Programme } from '../catalog/programme.ts';
import { withDirectoryContacts } from '../directory/directory-contacts.ts';
import { planSubscriptions, type SubscriptionQuotas } from '../directory/subscription-plan.ts';
import { dateInZone } from '../domain/calendar-date.ts';
import { type EmailState, normaliseEmail } from '../domain/person.ts';
import { logger } from '../logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { EmailSubscriptions } from '../ports/email-subscriptions.ts';

export interface SubscriptionSyncDeps {
  readonly directory: Directory;
  readonly subscriptions: EmailSubscriptions;
  readonly clock: Clock;
  readonly shardOf: (address: string) => number;
  readonly quotas: SubscriptionQuotas;
}

export interface SubscriptionSyncReport {
  readonly wanted: number;
  readonly requested: number;
  readonly removed: number;
  readonly states: Readonly<Record<EmailState, number>>;
}

/**
 * Keeps the e-mail topics in step with the people of every programme of the stage (the topics
 * are shared, so a sync that saw one programme only would remove the others' people): subscribes
 * new addresses, removes departed ones and stores each address's state (pending, confirmed,
 * gone). A quota that would be exceeded fails the sync before anything changes.
 */
export async function syncSubscriptions(
  programmes: readonly Programme[],
  deps: SubscriptionSyncDeps,
): Promise<SubscriptionSyncReport> {
  const now = deps.clock.now();
  const wanted = new Set<string>();
  for (const programme of programmes) {
    const today = dateInZone(now, programme.timezone);
    const tenures = await deps.directory.listTenures(programme.id);
    for (const address of emailRecipients(withDirectoryContacts(programme, tenures, today, new Map()))) {
      wanted.add(address);
    }
  }
  const [existing, previousList] = await Promise.all([
    deps.subscriptions.list(),
    deps.directory.listEmailStates(),
  ]);
  const previous = new Map(previousList.map((entry) => [entry.address, entry]));
  const plan = planSubscriptions({
    wanted: [...wanted],
    existing,
    previous,
    now,
    shardOf: deps.shardOf,
    quotas: deps.quotas,
  });
  const states = new Map(plan.states);
  for (const address of plan.subscribe) states.set(address, await deps.subscriptions.subscribe(address));
  for (const arn of plan.unsubscribe) await deps.subscriptions.unsubscribe(arn);
  const changed = [...states]
    .filter(([address, state]) => previous.get(address)?.state !== state)
    .map(([address, state]) => ({ address, state, updatedAt: now.toISOString() }));
  await deps.directory.putEmailStates(changed);
  const counts = { pending: 0, confirmed: 0, gone: 0 };
  for (const state of states.values()) counts[state]++;
  const report = {
    wanted: wanted.size,
    requested: plan.subscribe.length,
    removed: plan.unsubscribe.length,
    states: counts,
  };
  logger.info('e-mail subscriptions synchronised', { ...report });
  return report;
}

/** Every address the alerts and the digest of a programme may e-mail, normalised. */
function emailRecipients(programme: Programme): Set<string> {
  const addresses = new Set<string>();
  const add = (email: string | undefined) => {
    if (email) addresses.add(normaliseEmail(email));
  };
  for (const unit of programme.catalog.units) {
    add(unit.head?.email);
    add(unit.dataContact?.email);
  }
  for (const member of programme.catalog.programme.steeringCommittee) add(member.email);
  for (const owner of programme.owners?.values() ?? []) add(owner.contact.email);
  return addresses;
}
