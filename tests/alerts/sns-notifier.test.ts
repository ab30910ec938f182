import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { recipientAttributeValue } from '../../shared/adapters/sns-email-routing.ts';
import { measureSms } from '../../shared/messages/sms-segments.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Notifier } from '../../shared/ports/notifier.ts';
import { evaluateAndNotify, NotificationDeliveryError } from '../../shared/use-cases/evaluate-and-notify.ts';
import { type MotoServer, startMoto } from '../support/moto.ts';
import { captureOutput, contactsIn } from './support/captured-logs.ts';
import { ALL_ADDRESSES, CONTACTS, putDepartmentsBehind, testProgramme } from './support/fixture.ts';
import { messageAttributes, SnsProxy } from './support/sns-proxy.ts';

const ACCOUNT = '123456789012';
const TOPIC_PREFIX = 'dtwatch-email-';
const SHARDS = 4;
const programme = testProgramme();

let moto: MotoServer;
let proxy: SnsProxy;
let sns: typeof import('../../shared/adapters/sns-notifier.ts');
let subscriptions: typeof import('../../shared/adapters/sns-email-subscriptions.ts');
let notifier: Notifier;
const output = captureOutput();

interface MotoSns {
  SMS: { phone_number: string; message: string }[];
  Topic: {
    name: string;
    sent_notifications: [string, string, string | null, Record<string, { Value: string }> | null][];
  }[];
  Subscription: { endpoint: string; topic_arn: string; attributes: { FilterPolicy?: string } }[];
}

async function motoSns(): Promise<MotoSns> {
  return (await moto.data()).sns as MotoSns;
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = new SnsProxy(moto.endpoint);
  await proxy.start();
  // The adapters build their client once from the standard SDK configuration: set it first.
  Object.assign(process.env, moto.env, { AWS_ENDPOINT_URL: proxy.endpoint, AWS_MAX_ATTEMPTS: '2' });
  sns = await import('../../shared/adapters/sns-notifier.ts');
  subscriptions = await import('../../shared/adapters/sns-email-subscriptions.ts');
  notifier = sns.createSnsNotifier(
    sns.readSnsNotifierConfig({
      DTWATCH_SMS_SENDER_ID: 'DTWATCH',
      DTWATCH_EMAIL_TOPIC_ARN_PREFIX: `arn:aws:sns:us-east-1:${ACCOUNT}:${TOPIC_PREFIX}`,
      DTWATCH_EMAIL_TOPIC_SHARDS: String(SHARDS),
    }),
  );
});

afterAll(async () => {
  output.restore();
  await proxy?.stop();
  await moto?.stop();
});

beforeEach(async () => {
  await moto.reset();
  proxy.calls.length = 0;
  proxy.failPublishes(undefined);
});

const emails = [CONTACTS.headA.email, CONTACTS.headB.email, CONTACTS.provinceHead.email];

/** Creates the shard topics on moto and subscribes each address (moto confirms at once). */
async function subscribeAll(addresses: readonly string[]): Promise<void> {
  const client = new SNSClient(moto.clientConfig);
  for (let shard = 0; shard < SHARDS; shard++) {
    await client.send(new CreateTopicCommand({ Name: `${TOPIC_PREFIX}${String(shard).padStart(2, '0')}` }));
  }
  client.destroy();
  const topics = subscriptions.createSnsEmailSubscriptions({
    topicArnPrefix: `arn:aws:sns:us-east-1:${ACCOUNT}:${TOPIC_PREFIX}`,
    shards: SHARDS,
  });
  for (const address of addresses) await topics.subscribe(address);
}

describe('SNS notifier against moto', () => {
  it('sends SMS to the number as Transactional with the sender ID', async () => {
    const body = 'Ngay 03/03/2025, So A: 1 chi tieu cham tien do (Ho so tren mang). De nghi khac phuc.';
    const { messageId } = await notifier.send({
      channel: 'sms',
      recipient: CONTACTS.headA.phone,
      body,
      programme: programme.id,
      runKey: 'r1',
      kind: 'alert',
    });
    expect(messageId).not.toBe('');
    const { SMS } = await motoSns();
    expect(SMS).toEqual([expect.objectContaining({ phone_number: CONTACTS.headA.phone, message: body })]);
    expect(measureSms(SMS[0]?.message ?? '').segments).toBe(1);
    const [publish] = proxy.publishes();
    expect(publish?.params.PhoneNumber).toBe(CONTACTS.headA.phone);
    expect(messageAttributes(publish as never)).toEqual({
      'AWS.SNS.SMS.SMSType': 'Transactional',
      'AWS.SNS.SMS.SenderID': 'DTWATCH',
    });
    // A programme's own sender ID (its catalog) wins over the stage's.
    await notifier.send({
      channel: 'sms',
      recipient: CONTACTS.headA.phone,
      body,
      programme: programme.id,
      runKey: 'r2',
      kind: 'alert',
      senderId: 'HaTinhCDS',
    });
    expect(messageAttributes(proxy.publishes()[1] as never)).toMatchObject({
      'AWS.SNS.SMS.SenderID': 'HaTinhCDS',
    });
  });

  it('sends e-mail to the recipient’s shard topic with the hashed recipient attribute', async () => {
    await subscribeAll(emails);
    await notifier.send({
      channel: 'email',
      recipient: CONTACTS.headA.email,
      subject: '[dtwatch] thu-nghiem: 1 cảnh báo mới',
      body: 'Kính gửi Giám đốc Sở A,\n…',
      programme: programme.id,
      runKey: 'r1',
      kind: 'alert',
    });
    const topics = (await motoSns()).Topic.filter((topic) => topic.sent_notifications.length > 0);
    expect(topics).toHaveLength(1);
    const [, message, subject, attributes] = topics[0]?.sent_notifications[0] ?? [];
    expect(`arn:aws:sns:us-east-1:${ACCOUNT}:${topics[0]?.name}`).toBe(
      sns.emailTopicArn(
        { emailTopicArnPrefix: `arn:aws:sns:us-east-1:${ACCOUNT}:${TOPIC_PREFIX}`, emailTopicShards: SHARDS },
        CONTACTS.headA.email,
      ),
    );
    expect(subject).toBe('[dtwatch] thu-nghiem: 1 cảnh báo mới');
    expect(message).toBe('Kính gửi Giám đốc Sở A,\n…');
    expect(attributes?.recipient?.Value).toBe(recipientAttributeValue(CONTACTS.headA.email));
    expect(JSON.stringify(attributes)).not.toContain('@');
  });
});

describe('evaluateAndNotify through SNS', () => {
  let store: MemoryStore;

  beforeAll(async () => {
    store = createMemoryStore();
    await putDepartmentsBehind(store, programme.id, '2025-03-03');
  });

  it('a throttled or failing SNS fails the run and marks nothing; the retry delivers each message once', async () => {
    await subscribeAll(emails);
    const deps = { store, notifier, clock: fixedClock('2025-03-03T01:00:00Z') };
    for (const mode of ['throttle', 'server'] as const) {
      proxy.failPublishes(mode);
      const failure = await evaluateAndNotify(programme, '2025-03-03', deps).catch((error) => error);
      expect(failure).toBeInstanceOf(NotificationDeliveryError);
      expect(failure.cause).toBeInstanceOf(sns.SnsPublishError);
      expect(await store.listNotifications(programme.id, '2025-03-03')).toEqual([]);
    }
    proxy.failPublishes(undefined);
    const counts = await evaluateAndNotify(programme, '2025-03-03', deps);
    expect(counts.sent).toEqual({ sms: 2, email: 2 });
    await evaluateAndNotify(programme, '2025-03-03', deps);

    const state = await motoSns();
    expect(state.SMS.map((sms) => sms.phone_number).sort()).toEqual([
      CONTACTS.headA.phone,
      CONTACTS.headB.phone,
    ]);
    for (const sms of state.SMS) {
      expect(measureSms(sms.message)).toMatchObject({ encoding: 'gsm7', segments: 1 });
      expect(sms.message).toMatch(/^Ngay 03\/03\/2025, So [AB]: 1 chi tieu cham tien do/);
    }
    const published = state.Topic.flatMap((topic) => topic.sent_notifications);
    expect(published.map(([, , , attributes]) => attributes?.recipient?.Value).sort()).toEqual(
      [CONTACTS.headA.email, CONTACTS.headB.email].map(recipientAttributeValue).sort(),
    );
    const ledger = await store.listNotifications(programme.id, '2025-03-03');
    expect(ledger.filter((entry) => entry.state === 'sent')).toHaveLength(4);
  });

  it('logged nothing that shows a phone number or an e-mail address', () => {
    expect(contactsIn(output.text(), ALL_ADDRESSES)).toEqual([]);
  });
});
