import { type MessageAttributeValue, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { SMS_SENDER_ID_PATTERN } from '../catalog/catalog-schema.ts';
import type { Channel } from '../domain/channel.ts';
import { MAX_SUBJECT_LENGTH, truncate } from '../messages/email-message.ts';
import { cleanText } from '../messages/plain-text.ts';
import type { Notifier, OutgoingMessage } from '../ports/notifier.ts';
import { parseConfig } from '../zod-problems.ts';
import { AWS_REQUEST_TIMEOUTS } from './request-timeouts.ts';
import {
  emailShardOf,
  RECIPIENT_ATTRIBUTE,
  recipientAttributeValue,
  shardSuffix,
} from './sns-email-routing.ts';

/** One client per module, from the standard SDK configuration (AWS_REGION, AWS_ENDPOINT_URL, …). */
const sns = new SNSClient({ ...AWS_REQUEST_TIMEOUTS });

export interface SnsNotifierConfig {
  /** Alphanumeric sender ID shown on SMS where the destination country allows it. */
  readonly senderId?: string;
  /** The e-mail topics' ARN without the shard suffix, e.g. `arn:aws:sns:ap-southeast-1:123456789012:dtwatch-email-`. */
  readonly emailTopicArnPrefix: string;
  readonly emailTopicShards: number;
}

const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

const snsEnvironment = z.object({
  DTWATCH_SMS_SENDER_ID: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(SMS_SENDER_ID_PATTERN, 'must be 1-11 letters and digits, at least one letter')
      .optional(),
  ),
  DTWATCH_EMAIL_TOPIC_ARN_PREFIX: z.preprocess(
    blankAsUnset,
    z
      .string({ error: 'is required for e-mail through SNS' })
      .regex(
        /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/,
        'must be an SNS topic ARN without the shard suffix',
      ),
  ),
  DTWATCH_EMAIL_TOPIC_SHARDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(100).default(32)),
});

export function readSnsNotifierConfig(env: NodeJS.ProcessEnv = process.env): SnsNotifierConfig {
  const parsed = parseConfig(snsEnvironment, env);
  return {
    ...(parsed.DTWATCH_SMS_SENDER_ID !== undefined && { senderId: parsed.DTWATCH_SMS_SENDER_ID }),
    emailTopicArnPrefix: parsed.DTWATCH_EMAIL_TOPIC_ARN_PREFIX,
    emailTopicShards: parsed.DTWATCH_EMAIL_TOPIC_SHARDS,
  };
}

/** SNS refused or failed a publish; `cause` is the SDK error (throttling, 5xx, invalid number …). */
export class SnsPublishError extends Error {
  override readonly name = 'SnsPublishError';
  constructor(
    readonly channel: Channel,
    options: { cause: unknown },
  ) {
    super(`SNS publish (${channel}) failed`, options);
  }
}

/**
 * SMS straight to the phone number (Transactional: delivered at once, even to numbers that opted
 * out of promotional messages); e-mail to the recipient's topic shard, where only the
 * subscription whose filter policy matches the `recipient` attribute receives it.
 */
export function createSnsNotifier(config: SnsNotifierConfig): Notifier {
  return {
    async send(message) {
      const command = message.channel === 'sms' ? smsPublish(config, message) : emailPublish(config, message);
      try {
        const output = await sns.send(command);
        return { messageId: output.MessageId ?? '' };
      } catch (error) {
        throw new SnsPublishError(message.channel, { cause: error });
      }
    },
  };
}

export function emailTopicArn(config: SnsNotifierConfig, address: string): string {
  return `${config.emailTopicArnPrefix}${shardSuffix(emailShardOf(address, config.emailTopicShards))}`;
}

function smsPublish(config: SnsNotifierConfig, message: OutgoingMessage): PublishCommand {
  const attributes: Record<string, MessageAttributeValue> = {
    'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
  };
  // The programme's own sender ID (its catalog) before the stage-wide default.
  const senderId = message.senderId ?? config.senderId;
  if (senderId) {
    attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: senderId };
  }
  return new PublishCommand({
    PhoneNumber: message.recipient,
    Message: message.body,
    MessageAttributes: attributes,
  });
}

function emailPublish(config: SnsNotifierConfig, message: OutgoingMessage): PublishCommand {
  // One line, fewer than 100 characters: SNS refuses any other subject.
  const subject = truncate(cleanText(message.subject ?? 'dtwatch'), MAX_SUBJECT_LENGTH);
  return new PublishCommand({
    TopicArn: emailTopicArn(config, message.recipient),
    Subject: subject,
    Message: message.body,
    MessageAttributes: {
      [RECIPIENT_ATTRIBUTE]: { DataType: 'String', StringValue: recipientAttributeValue(message.recipient) },
      // The same header the outbox writes: which catalog the message was judged against.
      ...(message.catalogVersion !== undefined && {
        'catalog-version': { DataType: 'String', StringValue: message.catalogVersion },
      }),
    },
  });
}
