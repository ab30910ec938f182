import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../shared/adapters/open-store.ts';
import { type SourceServer, serve, startSourceServer } from '../sources/source-server.ts';
import { cliInProcess as cli } from '../support/in-process-cli.ts';
import { requiredOn, testCatalog } from './support/fixture.ts';

/**
 * The alert policy through `dtwatch`: a mute holds back exactly what it matches and the alert
 * resumes once it is removed; a failed source raises one "source down" alert instead of the
 * overdue alerts of the units it fed, while a series that never reported is still chased.
 */

let dir: string;
let catalogFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dtwatch-cli-policy-'));
  catalogFile = join(dir, 'catalog.json');
  await writeFile(catalogFile, JSON.stringify(testCatalog()), 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outboxAt(dataDir: string, runKey: string): Promise<string[]> {
  const names = await readdir(join(dataDir, 'outbox')).catch(() => [] as string[]);
  const texts = await Promise.all(
    names
      .filter((name) => name.includes(`--${runKey}--email--`))
      .map((name) => readFile(join(dataDir, 'outbox', name), 'utf8')),
  );
  return texts.sort();
}

function notify(dataDir: string, now: string) {
  return cli(['notify', '--catalog', catalogFile, '--now', now, '--data-dir', dataDir, '--format', 'json']);
}

describe('dtwatch mute', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = join(dir, 'mute');
    const opened = await openStore({ dataDir });
    const date = '2025-03-03';
    const behind = Math.round(requiredOn(date) - 8);
    await opened.store.putObservations(
      'thu-nghiem',
      [
        { unit: 'so-a', indicator: 'ho-so', date, value: behind },
        { unit: 'so-b', indicator: 'ho-so', date, value: behind },
        { unit: 'tinh', indicator: 'ho-so', date, value: behind + 20 },
      ],
      '2025-03-03T00:00:00Z',
    );
    await opened.close();
  });

  it('refuses a mute of everything (usage) and a pattern that matches nothing (invalid input)', async () => {
    const base = [
      'mute',
      '--catalog',
      catalogFile,
      '--reason',
      'r',
      '--author',
      'a',
      '--for',
      '30d',
      '--data-dir',
      dataDir,
    ];
    const everything = await cli(base);
    expect(everything.status).toBe(2);
    expect(everything.stderr).toContain('give at least one of --unit, --indicator, --level');
    const typo = await cli([...base, '--unit', 'so-z*']);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain('--unit');
    expect(typo.stderr).toContain('"so-z*" matches no unit in the catalog');
    const span = await cli([...base.slice(0, -4), '--for', '30', '--unit', 'so-a', '--data-dir', dataDir]);
    expect(span.status).toBe(2);
    expect(span.stderr).toContain('--for must be a number of days');
  });

  it('holds back exactly what it matches; mute list shows it; after mute remove the alert is announced', async () => {
    const created = await cli([
      'mute',
      '--catalog',
      catalogFile,
      '--unit',
      'so-a',
      '--reason',
      'số liệu đang được đối soát',
      '--author',
      'Văn phòng (mẫu)',
      '--for',
      '30d',
      '--data-dir',
      dataDir,
    ]);
    expect(created.status).toBe(0);
    const id = /\(id (m-[0-9a-f]+)\)/.exec(created.stdout)?.[1] as string;
    expect(id).toBeDefined();

    const status = await cli([
      'status',
      '--catalog',
      catalogFile,
      '--as-of',
      '2025-03-03',
      '--format',
      'table',
      '--data-dir',
      dataDir,
    ]);
    expect(status.stdout).toContain(
      `(${id}, số liệu đang được đối soát): 1 series, alerts evaluated but nobody told — so-a/ho-so`,
    );

    const first = await notify(dataDir, '2025-03-03T08:00:00+07:00');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ opened: 2, suppressedByMute: 1 });
    const mails = await outboxAt(dataDir, '2025-03-03');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('Sở B');
    expect(mails[0]).not.toContain('Sở A');

    const listed = await cli(['mute', 'list', '--catalog', catalogFile, '--data-dir', dataDir]);
    expect(listed.stdout).toContain(`${id}  active  unit so-a, indicator *, level *`);
    expect(listed.stdout).toContain('by Văn phòng (mẫu): số liệu đang được đối soát');

    const removed = await cli([
      'mute',
      'remove',
      id,
      '--catalog',
      catalogFile,
      '--author',
      'Giám đốc (mẫu)',
      '--data-dir',
      dataDir,
    ]);
    expect(removed.status).toBe(0);
    expect(
      (await cli(['mute', 'remove', id, '--catalog', catalogFile, '--author', 'x', '--data-dir', dataDir]))
        .status,
    ).toBe(1);
    const audit = await cli([
      'mute',
      'list',
      '--all',
      '--catalog',
      catalogFile,
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(JSON.parse(audit.stdout).mutes[0]).toMatchObject({
      id,
      removed: { by: 'Giám đốc (mẫu)' },
      active: false,
    });

    const opened = await openStore({ dataDir });
    const timeline = await opened.auditTrail.auditTimeline({ programme: 'thu-nghiem', unit: 'so-a' });
    const untouched = await opened.auditTrail.auditTimeline({ programme: 'thu-nghiem', unit: 'so-b' });
    await opened.close();
    const muteEvents = timeline.filter((event) => event.kind === 'mute');
    expect(muteEvents.map((event) => event.kind === 'mute' && [event.action, event.by])).toEqual([
      ['lifted', 'Giám đốc (mẫu)'],
      ['set', 'Văn phòng (mẫu)'],
    ]);
    expect(untouched.filter((event) => event.kind === 'mute')).toEqual([]);

    const next = await notify(dataDir, '2025-03-04T08:00:00+07:00');
    expect(next.status).toBe(0);
    const resumed = await outboxAt(dataDir, '2025-03-04');
    expect(resumed).toHaveLength(1);
    expect(resumed[0]).toContain('Sở A');
    expect(resumed[0]).toContain('CẢNH BÁO MỚI');
  });
});

describe('a failed source, through dtwatch ingest and dtwatch notify', () => {
  let server: SourceServer;
  let dataDir: string;
  let sourcesFile: string;
  beforeAll(async () => {
    dataDir = join(dir, 'source');
    server = await startSourceServer();
    const snapshots = ['so-a', 'so-b'].map((unit) => ({
      unit,
      indicator: 'ho-so',
      date: '2025-01-31',
      value: 30,
    }));
    server.route('/ok.json', serve(JSON.stringify({ snapshots })));
    sourcesFile = join(dir, 'sources.json');
  });
  afterAll(async () => {
    await server?.close();
  });

  const pull = async (path: string) => {
    const sources = {
      programme: 'thu-nghiem',
      sources: [{ id: 'departments-api', kind: 'http-json', url: `${server.origin}${path}` }],
      allowHosts: ['127.0.0.1'],
    };
    await writeFile(sourcesFile, JSON.stringify(sources), 'utf8');
    return cli(['ingest', '--catalog', catalogFile, '--sources', sourcesFile, '--data-dir', dataDir]);
  };

  it('raises one source-down alert, no overdue alerts for its units, and still chases the unit that never reported', async () => {
    expect((await pull('/ok.json')).status).toBe(0);
    // The portal disappears (404): the pull fails.
    const failed = await pull('/gone.json');
    expect(failed.status).not.toBe(0);

    const run = await notify(dataDir, '2025-03-17T08:00:00+07:00');
    expect(run.status).toBe(0);
    const counts = JSON.parse(run.stdout);
    // so-a and so-b last reported on 01-31: overdue, held back. tinh never reported: chased.
    expect(counts).toMatchObject({ sourcesDown: 1, inhibited: 2, opened: 2 });
    const mails = await outboxAt(dataDir, '2025-03-17');
    const text = mails.join('\n');
    // One source-down item (its subject and first paragraph name it too).
    expect(text.match(/– nguồn số liệu gián đoạn\]/g)).toHaveLength(1);
    expect(text).toContain('Nguồn số liệu "departments-api"');
    expect(text).toContain('chưa báo cáo lần nào');
    expect(text).not.toContain('Sở A');
    expect(text).not.toContain('Sở B');
  });
});
