import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess as cli } from '../support/in-process-cli.ts';
import { runCli } from '../support/run-cli.ts';
import { contactsIn } from './support/captured-logs.ts';
import { cliDataDirWithOneUnitBehind } from './support/cli-data-dir.ts';
import { ALL_ADDRESSES, CONTACTS } from './support/fixture.ts';

let dir: string;
let catalogFile: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, catalogFile, remove } = await cliDataDirWithOneUnitBehind('dtwatch-cli-alerts-', '2025-03-03'));
});

afterAll(() => remove());

describe('dtwatch notify', () => {
  it('writes one outbox file per message, summarises each on stderr with masked contacts, prints the counts', async () => {
    const run = await cli([
      'notify',
      '--catalog',
      catalogFile,
      '--now',
      '2025-03-03T08:00:00+07:00',
      '--data-dir',
      dir,
      '--format',
      'json',
    ]);
    expect(run.stderr).toContain('outbox: sms to +8490****002');
    expect(run.stderr).toContain('outbox: email to g***@example.com');
    expect(run.status).toBe(0);
    const counts = JSON.parse(run.stdout);
    expect(counts).toMatchObject({ runKey: '2025-03-03', opened: 1, sent: { sms: 1, email: 1 } });
    const files = (await readdir(join(dir, 'outbox'))).sort();
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.startsWith('thu-nghiem--2025-03-03--'))).toBe(true);
    expect(files.join(' ')).not.toContain('@');
    const email = await readFile(
      join(dir, 'outbox', files.find((f) => f.includes('--email--')) ?? ''),
      'utf8',
    );
    expect(email).toContain(`To: Giám đốc Sở A <${CONTACTS.headA.email}>`);
    expect(email).toContain('Subject: [Sở A] 1 chỉ tiêu chậm tiến độ – thu-nghiem');
    expect(email).not.toContain('dtwatch ack');
    expect(contactsIn(run.stdout + run.stderr, ALL_ADDRESSES)).toEqual([]);
  });

  it('sends nothing new when the run key is re-run, and prints text counts by default', async () => {
    const run = await cli([
      'notify',
      '--catalog',
      catalogFile,
      '--now',
      '2025-03-03T11:00:00+07:00',
      '--data-dir',
      dir,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('notify thu-nghiem, run 2025-03-03, as of 2025-03-03');
    expect(run.stdout).toContain('sent: sms 0, email 0');
    expect(run.stderr).not.toContain('outbox:');
  });

  it('rejects a bad clock and a missing SNS configuration as usage errors', async () => {
    const badNow = await cli(['notify', '--catalog', catalogFile, '--now', 'yesterday', '--data-dir', dir]);
    expect(badNow.status).toBe(2);
    expect(badNow.stderr).toContain('--now must be an ISO-8601 instant');
    const sns = await cli(['notify', '--catalog', catalogFile, '--notifier', 'sns', '--data-dir', dir], {
      DTWATCH_EMAIL_TOPIC_ARN_PREFIX: '',
    });
    expect(sns.status).toBe(2);
    expect(sns.stderr).toContain('DTWATCH_EMAIL_TOPIC_ARN_PREFIX');
    expect(runCli(['notify', '--help']).status).toBe(0);
    expect(runCli(['ack', 'list', '--help']).stdout).toContain('Usage: dtwatch ack list');
  });
});

describe('dtwatch ack', () => {
  it('records, lists and removes acknowledgements', async () => {
    const ack = await cli([
      'ack',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--indicator',
      'ho-so',
      '--until',
      '2099-01-01',
      '--note',
      'Kế hoạch: số hoá hồ sơ',
      '--by',
      'Văn phòng',
      '--data-dir',
      dir,
    ]);
    expect(ack.stderr).toBe('');
    expect(ack.status).toBe(0);
    expect(ack.stdout).toContain('acknowledged so-a/ho-so until 2099-01-01');
    const list = await cli(['ack', 'list', '--catalog', catalogFile, '--format', 'json', '--data-dir', dir]);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout).acknowledgements).toEqual([
      expect.objectContaining({
        unit: 'so-a',
        indicator: 'ho-so',
        until: '2099-01-01',
        note: 'Kế hoạch: số hoá hồ sơ',
        by: 'Văn phòng',
        active: true,
      }),
    ]);
    const text = await cli(['ack', 'list', '--catalog', catalogFile, '--data-dir', dir]);
    expect(text.stdout).toContain(
      'active   so-a/ho-so  until 2099-01-01  by Văn phòng: Kế hoạch: số hoá hồ sơ',
    );
    const removed = await cli([
      'ack',
      'remove',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--indicator',
      'ho-so',
      '--data-dir',
      dir,
    ]);
    expect(removed.status).toBe(0);
    const again = await cli([
      'ack',
      'remove',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--indicator',
      'ho-so',
      '--data-dir',
      dir,
    ]);
    expect(again.status).toBe(1);
  });

  it('refuses unknown units, past dates and a missing note', async () => {
    const base = ['ack', '--catalog', catalogFile, '--data-dir', dir];
    const unknown = await cli([...base, '--unit', 'nope', '--until', '2099-01-01', '--note', 'x']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`${catalogFile}: --unit: no unit "nope" in the catalog`);
    expect((await cli([...base, '--unit', 'so-a', '--until', '2000-01-01', '--note', 'x'])).status).toBe(2);
    expect((await cli([...base, '--unit', 'so-a', '--until', '2099-01-01'])).status).toBe(2);
  });
});
