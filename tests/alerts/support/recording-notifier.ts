import type { Notifier, OutgoingMessage } from '../../../shared/ports/notifier.ts';

/** Keeps every message it is given; `failNext` makes the next sends reject like a throttled SNS. */
export class RecordingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  private failures = 0;
  private counter = 0;

  failNext(count: number): void {
    this.failures = count;
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failures > 0) {
      this.failures--;
      throw Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      });
    }
    this.sent.push(message);
    this.counter++;
    return { messageId: `msg-${this.counter}` };
  }

  /** Sent since `from`, as `channel recipient` strings, sorted. */
  deliveries(from = 0): string[] {
    return this.sent
      .slice(from)
      .map((message) => `${message.channel} ${message.recipient}`)
      .sort();
  }
}
