import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_EMAIL_BYTES } from '../../shared/messages/email-message.ts';
import { measureSms } from '../../shared/messages/sms-segments.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * The acceptance of the alert routing (docs/alerts.md) over twenty weekly runs of each sample
 * programme, read from the outbox as a script would: by its `To`, `Channel`, `Run` and `Subject`
 * headers.
 */
const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-simulate-messages-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface OutboxMessage {
  readonly file: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly bytes: number;
}

function simulate(programme: string): { status: number | null; messages: OutboxMessage[] } {
  const dataDir = join(workDir, programme);
  const run = runCli([
    'simulate',
    '--from',
    '2025-01-06',
    '--weeks',
    '20',
    '--programme',
    programme,
    '--format',
    'json',
    '--data-dir',
    dataDir,
  ]);
  const outbox = join(dataDir, 'outbox');
  const messages = readdirSync(outbox).map((file) => {
    const text = readFileSync(join(outbox, file), 'utf8');
    const [head = '', ...rest] = text.split('\n\n');
    const headers = Object.fromEntries(
      head.split('\n').map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
    );
    return { file, headers, body: rest.join('\n\n').replace(/\n$/, ''), bytes: Buffer.byteLength(text) };
  });
  return { status: run.status, messages };
}

const runs = { 'ha-tinh-nq05': simulate('ha-tinh-nq05'), 'nghe-an': simulate('nghe-an') };

describe.each(Object.entries(runs))('simulate --weeks 20 for %s', (programme, { status, messages }) => {
  const alerts = messages.filter((message) => !message.headers.Run?.startsWith('digest'));

  it('ran and wrote alert messages (the reminder cadence leaves some runs quiet)', () => {
    expect(status).toBe(0);
    expect(new Set(alerts.map((message) => message.headers.Run)).size).toBeGreaterThan(1);
    for (const message of messages) expect(message.headers.Programme).toBe(programme);
  });

  it('gives nobody more than one alert e-mail and one SMS in any run', () => {
    const perRecipient = new Map<string, number>();
    for (const { headers } of alerts) {
      const key = `${headers.Run} ${headers.Channel} ${headers.To}`;
      perRecipient.set(key, (perRecipient.get(key) ?? 0) + 1);
    }
    expect([...perRecipient].filter(([, count]) => count > 1)).toEqual([]);
  });

  it('keeps every alert e-mail under 20 KB, with no shell command in it', () => {
    const emails = alerts.filter((message) => message.headers.Channel === 'email');
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) {
      expect(email.bytes, email.file).toBeLessThanOrEqual(MAX_EMAIL_BYTES);
      expect(email.body, email.file).not.toMatch(/dtwatch ack|--catalog|--unit |\$ /);
      expect(email.headers.Subject, email.file).toMatch(/^\[[^\]]+\] .+ – \S/);
    }
  });

  it('keeps the weekly digest e-mail under 20 KB too', () => {
    const digests = messages.filter(
      (message) => message.headers.Run?.startsWith('digest') && message.headers.Channel === 'email',
    );
    expect(digests.length).toBeGreaterThan(0);
    for (const email of digests) expect(email.bytes, email.file).toBeLessThanOrEqual(MAX_EMAIL_BYTES);
  });

  it('fits every SMS in one GSM-7 segment, ending with a full stop, from the programme’s sender ID', () => {
    const sms = alerts.filter((message) => message.headers.Channel === 'sms');
    expect(sms.length).toBeGreaterThan(0);
    for (const message of sms) {
      expect(measureSms(message.body), message.body).toMatchObject({ encoding: 'gsm7', segments: 1 });
      expect(message.body.endsWith('.'), message.body).toBe(true);
      expect(message.headers.Sender).toMatch(/^[A-Za-z0-9]{1,11}$/);
    }
  });

  it('writes every date and pace a person reads in the house style: no ISO date, no "%/30 ngày"', () => {
    // The headers other than Subject are for machines (Run, Date); the Subject and body are read.
    const read = messages.map((message) => ({
      file: message.file,
      text: `${message.headers.Subject}\n${message.body}`,
    }));
    expect(read.length).toBeGreaterThan(0);
    for (const { file, text } of read) {
      expect(text, file).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      expect(text, file).not.toMatch(/%\/30 (ngày|days)/);
    }
  });

  it('sends the provincial chairman a roll-up, not a list of every child', () => {
    const toChairman = alerts.filter(
      (message) =>
        message.headers.Channel === 'email' && message.headers.To?.startsWith('Chủ tịch UBND tỉnh'),
    );
    expect(toChairman.length).toBeGreaterThan(0);
    for (const email of toChairman) {
      const listed = email.body.match(/^\s*\d+\. /gm) ?? [];
      expect(listed.length, email.file).toBeLessThanOrEqual(15);
    }
  });
});
