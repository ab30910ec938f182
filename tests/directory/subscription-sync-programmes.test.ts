import { describe, expect, it } from 'vitest';
import { createInMemoryDirectory } from '../../shared/adapters/in-memory-directory.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { parseDirectoryText } from '../../shared/directory/directory-file.ts';
import { DEFAULT_SUBSCRIPTION_QUOTAS } from '../../shared/directory/subscription-plan.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Directory } from '../../shared/ports/directory.ts';
import type { EmailSubscriptions, ExistingSubscription } from '../../shared/ports/email-subscriptions.ts';
import { applyDirectoryRows } from '../../shared/use-cases/directory-changes.ts';
import { syncSubscriptions } from '../../shared/use-cases/sync-subscriptions.ts';
import { catalogWithoutContacts, PEOPLE } from './support/people.ts';

/**
 * Each programme's daily run syncs its own people on the stage's shared e-mail topics (issue 18):
 * it never removes another programme's people, an address two programmes want stays until both
 * let it go, and programmes syncing at the same time leave everyone subscribed.
 */

const SHARED = { name: 'Ban Chỉ đạo chung', email: 'shared-bcd@example.com' };
const HEAD_OF = { 'prov-a': PEOPLE.headA, 'prov-b': PEOPLE.headB } as const;

function programmeNamed(id: keyof typeof HEAD_OF): Programme {
  const catalog = catalogWithoutContacts();
  return buildProgramme({ ...catalog, programme: { ...catalog.programme, id } });
}

/** One head of its own and the shared committee member, who leaves on `committeeUntil`. */
async function seatPeople(directory: Directory, programme: Programme, committeeUntil = '') {
  const head = HEAD_OF[programme.id as keyof typeof HEAD_OF];
  const csv = [
    'unit,role,name,email,phone,indicator,validFrom,validTo',
    `so-a,head,${head.name},${head.email},${head.phone},,2025-01-01,`,
    `,committee,${SHARED.name},${SHARED.email},,,2025-01-01,${committeeUntil}`,
  ].join('\n');
  const rows = parseDirectoryText(csv, 'people.csv', programme);
  await applyDirectoryRows(directory, programme.id, rows, '2025-02-01', '2025-02-01T00:00:00Z');
}

/** The shared topics: confirmed at once, and a record of every removal. */
function fakeTopics(): EmailSubscriptions & { addresses(): string[]; removed: string[] } {
  const subscribed = new Map<string, ExistingSubscription>();
  const removed: string[] = [];
  return {
    removed,
    addresses: () => [...subscribed.keys()].sort(),
    async list() {
      return [...subscribed.values()];
    },
    async subscribe(address) {
      subscribed.set(address, { address, subscriptionArn: `arn:${address}` });
      return 'confirmed';
    },
    async unsubscribe(arn) {
      for (const [address, subscription] of subscribed) {
        if (subscription.subscriptionArn === arn) {
          subscribed.delete(address);
          removed.push(address);
        }
      }
    },
  };
}

describe('each programme syncs only its own e-mail subscriptions', () => {
  const a = programmeNamed('prov-a');
  const b = programmeNamed('prov-b');
  const sync = (programme: Programme, directory: Directory, topics: EmailSubscriptions, at: string) =>
    syncSubscriptions(programme, {
      directory,
      subscriptions: topics,
      clock: fixedClock(at),
      shardOf: () => 0,
      quotas: DEFAULT_SUBSCRIPTION_QUOTAS,
    });

  it('records only its own programme’s wishes and never removes another programme’s people', async () => {
    const directory = createInMemoryDirectory();
    const topics = fakeTopics();
    await seatPeople(directory, a);
    await seatPeople(directory, b);
    await sync(b, directory, topics, '2025-03-03T00:00:00Z');
    const report = await sync(a, directory, topics, '2025-03-03T00:05:00Z');
    expect(report).toMatchObject({ wanted: 2, requested: 1, removed: 0 });
    expect(topics.addresses()).toEqual([PEOPLE.headA.email, PEOPLE.headB.email, SHARED.email].sort());
    const interests = await directory.listEmailInterests();
    expect(
      interests
        .filter((interest) => interest.programme === 'prov-a')
        .map((interest) => interest.address)
        .sort(),
    ).toEqual([PEOPLE.headA.email, SHARED.email].sort());
    // A second sync of A, with B's head on the topics and not among A's people, removes nothing.
    expect(await sync(a, directory, topics, '2025-03-04T00:00:00Z')).toMatchObject({
      requested: 0,
      removed: 0,
    });
    expect(topics.removed).toEqual([]);
  });

  it('keeps an address another programme still wants, and removes it when the last one lets it go', async () => {
    const directory = createInMemoryDirectory();
    const topics = fakeTopics();
    await seatPeople(directory, a, '2025-03-09');
    await seatPeople(directory, b, '2025-03-19');
    await sync(a, directory, topics, '2025-03-03T00:00:00Z');
    await sync(b, directory, topics, '2025-03-03T00:00:00Z');

    // A's committee seat ended on the 9th; B still has the same person until the 19th.
    const first = await sync(a, directory, topics, '2025-03-12T00:00:00Z');
    expect(first).toMatchObject({ removed: 0, keptForOthers: 1 });
    expect(topics.addresses()).toContain(SHARED.email);

    const last = await sync(b, directory, topics, '2025-03-20T00:00:00Z');
    expect(last).toMatchObject({ removed: 1, keptForOthers: 0 });
    expect(topics.removed).toEqual([SHARED.email]);
    expect(topics.addresses()).toEqual([PEOPLE.headA.email, PEOPLE.headB.email].sort());
  });

  it('leaves everyone subscribed when programmes sync at the same time', async () => {
    const directory = createInMemoryDirectory();
    const topics = fakeTopics();
    await seatPeople(directory, a);
    await seatPeople(directory, b);
    await Promise.all([
      sync(a, directory, topics, '2025-03-03T00:00:00Z'),
      sync(b, directory, topics, '2025-03-03T00:00:00Z'),
    ]);
    await Promise.all([
      sync(a, directory, topics, '2025-03-04T00:00:00Z'),
      sync(b, directory, topics, '2025-03-04T00:00:00Z'),
    ]);
    expect(topics.addresses()).toEqual([PEOPLE.headA.email, PEOPLE.headB.email, SHARED.email].sort());
    expect(topics.removed).toEqual([]);
  });
});
