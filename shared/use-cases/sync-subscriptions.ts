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
  /** Addresses this programme let go that another programme still wants (kept on the topics). */
  readonly keptForOthers: number;
  readonly states: Readonly<Record<EmailState, number>>;
}

/**
 * Keeps the shared e-mail topics in step with one programme's people, as that programme's daily
 * run does (several run at once): subscribes its new addresses, stores each of its addresses'
 * state (pending, confirmed, gone), and records which addresses it wants. An address it no
 * longer wants leaves the topics only when no other programme wants it either; the other
 * programmes' people are never read from their catalogs, only from what their own syncs recorded.
 * A quota that would be exceeded fails the sync before anything changes.
 *
 * An address that was subscribed before programmes recorded what they want stays until some
 * programme records it and lets it go (docs/alerts.md, "Who gets subscribed").
 */
export async function syncSubscriptions(
  programme: Programme,
  deps: SubscriptionSyncDeps,
): Promise<SubscriptionSyncReport> {
  const now = deps.clock.now();
  const today = dateInZone(now, programme.timezone);
  const tenures = await deps.directory.listTenures(programme.id);
  const wanted = emailRecipients(withDirectoryContacts(programme, tenures, today, new Map()));
  const [existing, previousList, interests] = await Promise.all([
    deps.subscriptions.list(),
    deps.directory.listEmailStates(),
    deps.directory.listEmailInterests(),
  ]);
  const mine = new Set<string>();
  const othersWant = new Set<string>();
  for (const interest of interests) {
    if (!interest.wanted) continue;
    if (interest.programme === programme.id) mine.add(interest.address);
    else othersWant.add(interest.address);
  }
  const letGo = [...mine].filter((address) => !wanted.has(address));
  const released = letGo.filter((address) => !othersWant.has(address));
  const previous = new Map(previousList.map((entry) => [entry.address, entry]));
  const plan = planSubscriptions({
    wanted: [...wanted],
    released,
    existing,
    previous,
    now,
    shardOf: deps.shardOf,
    quotas: deps.quotas,
  });
  // Recorded first: a programme syncing at the same time then sees the new wishes.
  const at = now.toISOString();
  await deps.directory.putEmailInterests([
    ...[...wanted]
      .filter((address) => !mine.has(address))
      .map((address) => ({ address, programme: programme.id, wanted: true, updatedAt: at })),
    ...letGo.map((address) => ({ address, programme: programme.id, wanted: false, updatedAt: at })),
  ]);
  const states = new Map(plan.states);
  for (const address of plan.subscribe) states.set(address, await deps.subscriptions.subscribe(address));
  for (const arn of plan.unsubscribe) await deps.subscriptions.unsubscribe(arn);
  const changed = [...states]
    .filter(([address, state]) => previous.get(address)?.state !== state)
    .map(([address, state]) => ({ address, state, updatedAt: at }));
  await deps.directory.putEmailStates(changed);
  const counts = { pending: 0, confirmed: 0, gone: 0 };
  for (const state of states.values()) counts[state]++;
  const report = {
    wanted: wanted.size,
    requested: plan.subscribe.length,
    removed: plan.unsubscribe.length,
    keptForOthers: letGo.length - released.length,
    states: counts,
  };
  logger.info('e-mail subscriptions synchronised', { programme: programme.id, ...report });
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
