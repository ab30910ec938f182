import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measureSms } from '../messages/sms-segments.ts';
import { maskContact } from '../pii-mask.ts';
import type { Notifier, OutgoingMessage } from '../ports/notifier.ts';

export interface OutboxNotifierOptions {
  /** Messages go to `<dataDir>/outbox/`. */
  readonly dataDir: string;
  /** Where the one-line summaries go (default: stderr). Contacts in them are masked. */
  readonly report?: (line: string, message: OutgoingMessage) => void;
}

/**
 * A notifier that publishes nothing: each message becomes a file (the embedded default and dry
 * runs). The file name carries the run key, the channel and a hash of the recipient, never the
 * address itself; the file's content is the message as it would be sent, recipient included.
 */
export function createOutboxNotifier(
  options: OutboxNotifierOptions,
): Notifier & { readonly directory: string } {
  const directory = join(options.dataDir, 'outbox');
  const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`));
  return {
    directory,
    async send(message) {
      await mkdir(directory, { recursive: true });
      const name = outboxFileName(message);
      await writeFile(join(directory, name), outboxFileText(message), 'utf8');
      report(outboxSummary(message, name), message);
      return { messageId: `outbox:${name}` };
    },
  };
}

export function recipientDigest(recipient: string): string {
  return createHash('sha256').update(recipient.trim().toLowerCase()).digest('hex').slice(0, 16);
}

export function outboxFileName(message: OutgoingMessage): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return `${safe(message.programme)}--${safe(message.runKey)}--${message.channel}--${recipientDigest(message.recipient)}.txt`;
}

function outboxFileText(message: OutgoingMessage): string {
  const headers = [
    `To: ${message.recipientName ? `${message.recipientName} <${message.recipient}>` : message.recipient}`,
    `Channel: ${message.channel}`,
    `Programme: ${message.programme}`,
    `Run: ${message.runKey}`,
    ...(message.catalogVersion !== undefined ? [`Catalog-Version: ${message.catalogVersion}`] : []),
    ...(message.subject !== undefined ? [`Subject: ${message.subject}`] : []),
    ...(message.senderId !== undefined ? [`Sender: ${message.senderId}`] : []),
  ];
  return `${headers.join('\n')}\n\n${message.body}\n`;
}

function outboxSummary(message: OutgoingMessage, name: string): string {
  const size =
    message.channel === 'sms'
      ? (() => {
          const measured = measureSms(message.body);
          return `${measured.units} ${measured.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'} unit(s), ${measured.segments} part(s)`;
        })()
      : `${message.body.length} characters`;
  return `outbox: ${message.channel} to ${maskContact(message.recipient)} (${size}) → ${name}`;
}
