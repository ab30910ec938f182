import type {
  ListSubscriptionsByTopicCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { createInMemoryDirectory } from '../../shared/adapters/in-memory-directory.ts';
import { emailShardOf } from '../../shared/adapters/sns-email-routing.ts';
import {
  createSnsEmailSubscriptions,
  type SnsSender,
} from '../../shared/adapters/sns-email-subscriptions.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { withDirectoryContacts } from '../../shared/directory/directory-contacts.ts';
import { parseDirectoryText } from '../../shared/directory/directory-file.ts';
import { peopleHealth } from '../../shared/directory/people-health.ts';
import {
  DEFAULT_SUBSCRIPTION_QUOTAS,
  planSubscriptions,
  SubscriptionQuotaError,
} from '../../shared/directory/subscription-plan.ts';
import { peopleInForce } from '../../shared/domain/person.ts';
import { NO_LINKS } from '../../shared/messages/message-links.ts';
import { renderSms } from '../../shared/messages/sms-message.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import { applyDirectoryRows } from '../../shared/use-cases/directory-changes.ts';
import { syncSubscriptions } from '../../shared/use-cases/sync-subscriptions.ts';
import { catalogWithoutContacts, DIRECTORY_CSV, OWNER, PEOPLE } from './support/people.ts';

const programme = buildProgramme(catalogWithoutContacts());
const NOW = new Date('2025-03-03T01:00:00Z');
const shardOf = (address: string) => emailShardOf(address, 4);

describe('planSubscriptions', () => {
  it('subscribes new addresses, keeps pending and confirmed ones, removes confirmed released ones only', () => {
    const plan = planSubscriptions({
      wanted: ['new@example.com', 'waiting@example.com', 'ok@example.com'],
      released: ['left@example.com', 'left-pending@example.com'],
      existing: [
        { address: 'waiting@example.com' },
        { address: 'ok@example.com', subscriptionArn: 'arn:ok' },
        { address: 'left@example.com', subscriptionArn: 'arn:left' },
        { address: 'left-pending@example.com' },
        // Another programme's person: not this sync's to remove.
        { address: 'theirs@example.com', subscriptionArn: 'arn:theirs' },
      ],
      previous: new Map(),
      now: NOW,
      shardOf,
      quotas: DEFAULT_SUBSCRIPTION_QUOTAS,
    });
    expect(plan.subscribe).toEqual(['new@example.com']);
    expect(plan.unsubscribe).toEqual(['arn:left']);
    expect(Object.fromEntries(plan.states)).toEqual({
      'new@example.com': 'pending',
      'waiting@example.com': 'pending',
      'ok@example.com': 'confirmed',
    });
  });

  it('marks an address whose subscription vanished as gone, and asks again only after 30 days', () => {
    const input = {
      wanted: ['lost@example.com'],
      released: [],
      existing: [],
      now: NOW,
      shardOf,
      quotas: DEFAULT_SUBSCRIPTION_QUOTAS,
    };
    const lost = planSubscriptions({
      ...input,
      previous: new Map([
        [
          'lost@example.com',
          { address: 'lost@example.com', state: 'confirmed' as const, updatedAt: '2025-03-01T00:00:00Z' },
        ],
      ]),
    });
    expect(lost.subscribe).toEqual([]);
    expect(lost.states.get('lost@example.com')).toBe('gone');
    const recent = planSubscriptions({
      ...input,
      previous: new Map([
        [
          'lost@example.com',
          { address: 'lost@example.com', state: 'gone' as const, updatedAt: '2025-02-20T00:00:00Z' },
        ],
      ]),
    });
    expect(recent.subscribe).toEqual([]);
    const old = planSubscriptions({
      ...input,
      previous: new Map([
        [
          'lost@example.com',
          { address: 'lost@example.com', state: 'gone' as const, updatedAt: '2025-01-20T00:00:00Z' },
        ],
      ]),
    });
    expect(old.subscribe).toEqual(['lost@example.com']);
  });

  it('refuses, before changing anything, a plan over the per-topic or the per-account quota', () => {
    const wanted = Array.from({ length: 12 }, (_, i) => `p${i}@example.com`);
    const base = { wanted, released: [], existing: [], previous: new Map(), now: NOW, shardOf: () => 0 };
    expect(() =>
      planSubscriptions({ ...base, quotas: { filterPoliciesPerTopic: 11, filterPoliciesPerAccount: 100 } }),
    ).toThrow(
      /shard 0 would hold 12 filter policies, over the quota of 11 per topic: raise emailTopicShards/,
    );
    expect(() =>
      planSubscriptions({
        ...base,
        shardOf: (address) => Number(/\d+/.exec(address)?.[0]) % 4,
        quotas: { filterPoliciesPerTopic: 200, filterPoliciesPerAccount: 10 },
      }),
    ).toThrow(SubscriptionQuotaError);
    // A released confirmed subscription is removed, so it does not count.
    const plan = planSubscriptions({
      ...base,
      released: ['left@example.com'],
      existing: [{ address: 'left@example.com', subscriptionArn: 'arn:left' }],
      quotas: { filterPoliciesPerTopic: 12, filterPoliciesPerAccount: 12 },
    });
    expect(plan.subscribe).toHaveLength(12);
  });
});

/** An SNS that answers from a fixed list of subscriptions and records what it was asked. */
function stubbedSns(listed: { Endpoint: string; SubscriptionArn: string }[]) {
  const calls: string[] = [];
  const sender: SnsSender = {
    async send(command: ListSubscriptionsByTopicCommand | SubscribeCommand | UnsubscribeCommand) {
      const name = command.constructor.name;
      calls.push(name);
      if (name === 'ListSubscriptionsByTopicCommand') {
        const topic = (command as ListSubscriptionsByTopicCommand).input.TopicArn ?? '';
        const shard = Number(topic.slice(-2));
        return {
          Subscriptions: listed
            .filter((entry) => shardOf(entry.Endpoint) === shard)
            .map((entry) => ({ ...entry, Protocol: 'email', TopicArn: topic })),
        };
      }
      if (name === 'SubscribeCommand') return { SubscriptionArn: 'pending confirmation' };
      return {};
    },
  };
  return { sender, calls };
}

describe('syncSubscriptions with stubbed SNS answers', () => {
  it('stores pending and gone states; status and the SMS say so; the head keeps the SMS', async () => {
    const directory = createInMemoryDirectory();
    const rows = parseDirectoryText(DIRECTORY_CSV, 'people.csv', programme);
    await applyDirectoryRows(directory, programme.id, rows, '2025-03-01', '2025-03-01T00:00:00Z');
    // Head A was confirmed last week; the committee member's link lapsed; head B has not clicked yet.
    await directory.putEmailStates([
      { address: PEOPLE.headA.email, state: 'confirmed', updatedAt: '2025-02-24T00:00:00Z' },
    ]);
    const { sender } = stubbedSns([
      { Endpoint: PEOPLE.headB.email, SubscriptionArn: 'PendingConfirmation' },
      { Endpoint: PEOPLE.provinceHead.email, SubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:t-00:abc' },
    ]);
    const report = await syncSubscriptions(programme, {
      directory,
      subscriptions: createSnsEmailSubscriptions(
        { topicArnPrefix: 'arn:aws:sns:us-east-1:123456789012:t-', shards: 4 },
        sender,
      ),
      clock: fixedClock(NOW.toISOString()),
      shardOf,
      quotas: DEFAULT_SUBSCRIPTION_QUOTAS,
    });
    // The indicator's owner is new: subscribed, pending like head B.
    expect(report).toMatchObject({
      wanted: 5,
      requested: 2,
      removed: 0,
      states: { pending: 3, confirmed: 1, gone: 1 },
    });
    const states = new Map((await directory.listEmailStates()).map((entry) => [entry.address, entry.state]));
    expect(Object.fromEntries(states)).toEqual({
      [PEOPLE.headA.email]: 'gone',
      [PEOPLE.headB.email]: 'pending',
      [PEOPLE.provinceHead.email]: 'confirmed',
      [PEOPLE.committee.email]: 'pending',
      [OWNER.email]: 'pending',
    });

    const tenures = await directory.listTenures(programme.id);
    const health = peopleHealth(peopleInForce(tenures, '2025-03-03'), states);
    expect(health.email).toMatchObject({ confirmed: 1, pending: 3, gone: 1 });
    // The committee member has no phone and no working e-mail: unreachable. Heads keep their SMS.
    expect(health.unreachable).toEqual([{ role: 'committee', unit: '', name: PEOPLE.committee.name }]);

    const effective = withDirectoryContacts(programme, tenures, '2025-03-03', states);
    const headA = effective.units.get('so-a')?.head;
    expect(headA).toMatchObject({ phone: PEOPLE.headA.phone, emailUnconfirmed: 'gone' });
    expect(headA?.email).toBeUndefined();
    const sms = renderSms(
      {
        language: 'en',
        programmeId: programme.id,
        programmeName: 'p',
        programmeShortName: 'p',
        today: '2025-03-03',
        respondBy: '2025-03-10',
        emailItemLimit: 10,
        links: NO_LINKS,
      },
      { place: 'Sở A', unit: 'so-a', address: PEOPLE.headA.phone },
      [],
      { maxSegments: 1, keepDiacritics: false, pointToEmail: false, emailUnconfirmed: true },
    );
    expect(sms).toContain('E-mail not confirmed: none sent.');
  });
});
