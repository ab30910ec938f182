import type { Channel } from '../domain/channel.ts';

/** One message to one recipient on one channel, already rendered. */
export interface OutgoingMessage {
  readonly channel: Channel;
  /** E.164 phone number for SMS, e-mail address for e-mail. */
  readonly recipient: string;
  readonly recipientName?: string;
  /** E-mail only. */
  readonly subject?: string;
  /** SMS only: the programme's alphanumeric sender ID (catalog alert policy), when it has one. */
  readonly senderId?: string;
  readonly body: string;
  readonly programme: string;
  readonly runKey: string;
  readonly kind: 'alert' | 'digest';
  /** The catalog version the message was judged against (an outbox header, an SNS attribute). */
  readonly catalogVersion?: string;
}

export interface Notifier {
  /** Publishes one message; resolves with the provider's message id, rejects on failure. */
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}
