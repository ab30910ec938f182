import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, ListSubscriptionsCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedStore, openStore } from '../../shared/adapters/open-store.ts';
import { emailShardOf, recipientAttributeValue } from '../../shared/adapters/sns-email-routing.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { parseDirectoryText } from '../../shared/directory/directory-file.ts';
import {
  DEFAULT_SUBSCRIPTION_QUOTAS,
  SubscriptionQuotaError,
} from '../../shared/directory/subscription-plan.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import { applyDirectoryRows } from '../../shared/use-cases/directory-changes.ts';
import { evaluateAndNotify } from '../../shared/use-cases/evaluate-and-notify.ts';
import { syncSubscriptions } from '../../shared/use-cases/sync-subscriptions.ts';
import { putDepartmentsBehind } from '../alerts/support/fixture.ts';
import { cliInProcess as cli } from '../support/in-process-cli.ts';
import { type MotoServer, startMoto } from '../support/moto.ts';
import {
  catalogWithoutContacts,
  DIRECTORY_CSV,
  HAND_OVER_SO_A,
  OWNER,
  outboxRecipients,
  PEOPLE,
} from './support/people.ts';

const programme = buildProgramme(catalogWithoutContacts());

describe('notify with the catalog stripped of every contact (outbox)', () => {
  let dir: string;
  let catalogFile: string;
  const inDir = (...args: string[]) => [...args, '--catalog', catalogFile, '--data-dir', dir];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dtwatch-directory-notify-'));
    catalogFile = join(dir, 'catalog.json');
    await writeFile(catalogFile, JSON.stringify(catalogWithoutContacts()), 'utf8');
    await writeFile(join(dir, 'people.csv'), DIRECTORY_CSV, 'utf8');
    const opened = await openStore({ dataDir: dir });
    await putDepartmentsBehind(opened.store, programme.id, '2025-03-03');
    await opened.close();
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sends to the directory’s people; a `directory set` changes the next run’s recipient', async () => {
    expect(
      (await cli(inDir('directory', 'import', join(dir, 'people.csv'), '--as-of', '2025-02-01'))).status,
    ).toBe(0);
    const first = await cli(inDir('notify', '--now', '2025-03-03T08:00:00+07:00', '--format', 'json'));
    expect(first.status).toBe(0);
    // The indicator's owner (a directory `owner`) hears of both units' alerts, in one e-mail.
    expect(JSON.parse(first.stdout)).toMatchObject({ opened: 2, sent: { sms: 2, email: 3 }, unreachable: 0 });
    expect(await outboxRecipients(dir, '2025-03-03')).toEqual(
      [
        `${OWNER.name} <${OWNER.email}>`,
        `${PEOPLE.headA.name} <${PEOPLE.headA.email}>`,
        `${PEOPLE.headA.name} <${PEOPLE.headA.phone}>`,
        `${PEOPLE.headB.name} <${PEOPLE.headB.email}>`,
        `${PEOPLE.headB.name} <${PEOPLE.headB.phone}>`,
      ].sort(),
    );

    const set = await cli(inDir(...HAND_OVER_SO_A));
    expect(set.status).toBe(0);
    // A week later the reminders go out: so-a's to the new head, so-b's to the same one.
    const next = await cli(inDir('notify', '--now', '2025-03-11T08:00:00+07:00', '--format', 'json'));
    expect(JSON.parse(next.stdout)).toMatchObject({ reminded: 2 });
    const recipients = await outboxRecipients(dir, '2025-03-11');
    expect(recipients).toContain(`${PEOPLE.headA2.name} <${PEOPLE.headA2.email}>`);
    expect(recipients).toContain(`${PEOPLE.headA2.name} <${PEOPLE.headA2.phone}>`);
    expect(recipients.join('\n')).not.toContain(PEOPLE.headA.email);

    const history = await cli(
      inDir('directory', 'history', '--unit', 'so-a', '--role', 'head', '--format', 'json'),
    );
    expect(JSON.parse(history.stdout).map((tenure: { name: string }) => tenure.name)).toEqual([
      PEOPLE.headA.name,
      PEOPLE.headA2.name,
    ]);
  });
});

describe('the subscription sync and notify through SNS on moto', () => {
  const ACCOUNT = '123456789012';
  const PREFIX = 'dtwatch-test-email-';
  const SHARDS = 4;
  let moto: MotoServer;
  let opened: OpenedStore;
  let dataDir: string;
  let sns: SNSClient;

  beforeAll(async () => {
    moto = await startMoto();
    Object.assign(process.env, moto.env, { AWS_ENDPOINT_URL: moto.endpoint });
    sns = new SNSClient(moto.clientConfig);
    for (let shard = 0; shard < SHARDS; shard++) {
      await sns.send(new CreateTopicCommand({ Name: `${PREFIX}${String(shard).padStart(2, '0')}` }));
    }
    dataDir = await mkdtemp(join(tmpdir(), 'dtwatch-directory-sns-'));
    opened = await openStore({ dataDir });
    await putDepartmentsBehind(opened.store, programme.id, '2025-03-03');
    const rows = parseDirectoryText(DIRECTORY_CSV, 'people.csv', programme);
    await applyDirectoryRows(opened.directory, programme.id, rows, '2025-02-01', '2025-02-01T00:00:00Z');
  });

  afterAll(async () => {
    sns?.destroy();
    await opened?.close();
    await moto?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function sync(at: string, quotas = DEFAULT_SUBSCRIPTION_QUOTAS) {
    const { createSnsEmailSubscriptions } = await import('../../shared/adapters/sns-email-subscriptions.ts');
    return syncSubscriptions(programme, {
      directory: opened.directory,
      subscriptions: createSnsEmailSubscriptions(
        { topicArnPrefix: `arn:aws:sns:us-east-1:${ACCOUNT}:${PREFIX}`, shards: SHARDS },
        sns,
      ),
      clock: fixedClock(at),
      shardOf: (address) => emailShardOf(address, SHARDS),
      quotas,
    });
  }

  async function subscribedEndpoints(): Promise<string[]> {
    const listed = await sns.send(new ListSubscriptionsCommand({}));
    return (listed.Subscriptions ?? []).map((subscription) => subscription.Endpoint ?? '').sort();
  }

  it('subscribes the directory’s addresses, removes departed ones, refuses to exceed the quotas', async () => {
    const first = await sync('2025-03-03T00:00:00Z');
    expect(first).toMatchObject({ wanted: 5, requested: 5, removed: 0 });
    const everyone = [PEOPLE.provinceHead, PEOPLE.headA, PEOPLE.headB, PEOPLE.committee, OWNER].map(
      (p) => p.email,
    );
    expect(await subscribedEndpoints()).toEqual([...everyone].sort());
    expect((await sync('2025-03-03T00:10:00Z')).requested).toBe(0);

    const notifierModule = await import('../../shared/adapters/sns-notifier.ts');
    const notifier = notifierModule.createSnsNotifier({
      emailTopicArnPrefix: `arn:aws:sns:us-east-1:${ACCOUNT}:${PREFIX}`,
      emailTopicShards: SHARDS,
    });
    const counts = await evaluateAndNotify(programme, '2025-03-03', {
      store: opened.store,
      directory: opened.directory,
      notifier,
      clock: fixedClock('2025-03-03T01:00:00Z'),
    });
    expect(counts.sent).toEqual({ sms: 2, email: 3 });
    const state = (await moto.data()).sns as {
      SMS: { phone_number: string }[];
      Topic: { sent_notifications: [string, string, string | null, Record<string, { Value: string }>][] }[];
    };
    expect(state.SMS.map((sms) => sms.phone_number).sort()).toEqual(
      [PEOPLE.headA.phone, PEOPLE.headB.phone].sort(),
    );
    const hashes = state.Topic.flatMap((topic) => topic.sent_notifications).map(
      ([, , , a]) => a.recipient?.Value,
    );
    expect(hashes.sort()).toEqual(
      [PEOPLE.headA.email, PEOPLE.headB.email, OWNER.email].map(recipientAttributeValue).sort(),
    );

    // Handover: the new head is subscribed, the old one removed.
    const rows = parseDirectoryText(
      `unit,role,name,email,phone\nso-a,head,${PEOPLE.headA2.name},${PEOPLE.headA2.email},${PEOPLE.headA2.phone}`,
      'handover.csv',
      programme,
    );
    await applyDirectoryRows(opened.directory, programme.id, rows, '2025-03-05', '2025-03-05T00:00:00Z');
    const after = await sync('2025-03-05T00:00:00Z');
    expect(after).toMatchObject({ requested: 1, removed: 1 });
    const endpoints = await subscribedEndpoints();
    expect(endpoints).toContain(PEOPLE.headA2.email);
    expect(endpoints).not.toContain(PEOPLE.headA.email);

    // Over quota: nothing is changed.
    const extra = parseDirectoryText(
      `unit,role,name,email,phone\n,committee,Thành viên mới,new-member@example.com,`,
      'extra.csv',
      programme,
    );
    await applyDirectoryRows(opened.directory, programme.id, extra, '2025-03-06', '2025-03-06T00:00:00Z');
    await expect(
      sync('2025-03-06T00:00:00Z', { filterPoliciesPerTopic: 200, filterPoliciesPerAccount: 4 }),
    ).rejects.toThrow(SubscriptionQuotaError);
    expect(await subscribedEndpoints()).toEqual(endpoints);
  });
});
