import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressBar } from '../../cli/render/progress-bar.ts';
import { createMemoryStore, type MemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { InvalidInputError } from '../../shared/errors.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import { ingestSnapshotFile, MAX_QUARANTINED_PER_DELIVERY } from '../../shared/use-cases/ingest.ts';
import { SPEC_EXAMPLES } from '../support/paths.ts';

const CLOCK = fixedClock('2026-11-21T18:30:00Z'); // 2026-11-22 01:30 in Hà Nội
let store: MemoryStore;
let programme: Programme;

const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  store = createMemoryStore();
  programme = buildProgramme(
    parseCatalog(readFileSync(join(SPEC_EXAMPLES, 'basic.catalog.json')), 'basic.catalog.json'),
  );
});

describe('ingestSnapshotFile', () => {
  it('counts new, revised and unchanged values, and keeps the revision history', async () => {
    const deps = { store: store, clock: CLOCK };
    const first = await ingestSnapshotFile(
      programme,
      bytes(
        'unit,indicator,date,value\n42,dossiers-online,2026-01-31,40\n42,dossiers-online,2026-02-28,41\n',
      ),
      'jan-feb.csv',
      deps,
    );
    expect(first).toMatchObject({
      stored: 2,
      revised: 0,
      run: { outcome: 'ok', rowsOk: 2, rowsUnchanged: 0 },
    });

    const second = await ingestSnapshotFile(
      programme,
      bytes(
        'unit,indicator,date,value\n42,dossiers-online,2026-01-31,40\n42,dossiers-online,2026-02-28,42\n',
      ),
      'jan-feb-fixed.csv',
      deps,
    );
    expect(second).toMatchObject({ stored: 0, revised: 1, run: { rowsOk: 1, rowsUnchanged: 1 } });
    const revisions = store.parts.observations.revisions(
      'example-basic',
      '42',
      'dossiers-online',
      '2026-02-28',
    );
    expect(revisions.map((revision) => revision.value)).toEqual([41, 42]);
  });

  it('takes "today" in the programme time zone: a row dated 2026-11-22 is not in the future there', async () => {
    const report = await ingestSnapshotFile(
      programme,
      bytes(
        'unit,indicator,date,value\n40,dossiers-online,2026-11-22,50\n40,dossiers-online,2026-11-23,51\n',
      ),
      'today.csv',
      { store: store, clock: CLOCK },
    );
    expect(report.run).toMatchObject({ rowsOk: 1, rowsRejected: 1, outcome: 'partial' });
    expect(report.rejected[0]).toMatchObject({
      location: 'today.csv: line 3',
      reason: 'date 2026-11-23 is in the future (after 2026-11-22)',
      source: 'upload',
    });
  });

  it('reports progress as observations are stored', async () => {
    const rows = Array.from({ length: 3000 }, (_, index) => {
      const day = new Date(Date.UTC(2015, 0, 1 + index)).toISOString().slice(0, 10);
      return `42,dossiers-online,${day},${index % 100}`;
    });
    const progress: [number, number][] = [];
    await ingestSnapshotFile(programme, bytes(`unit,indicator,date,value\n${rows.join('\n')}`), 'daily.csv', {
      store: store,
      clock: CLOCK,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [0, 3000],
      [2500, 3000],
      [3000, 3000],
    ]);
  });

  it('keeps at most a bounded number of rejected rows per file, counting the rest', async () => {
    const rows = Array.from(
      { length: MAX_QUARANTINED_PER_DELIVERY + 5 },
      () => 'nowhere,dossiers-online,2026-01-31,1',
    );
    const report = await ingestSnapshotFile(
      programme,
      bytes(`unit,indicator,date,value\n${rows.join('\n')}`),
      'junk.csv',
      {
        store: store,
        clock: fixedClock('2026-11-22T05:00:00Z'),
      },
    );
    expect(report.run).toMatchObject({
      outcome: 'failed',
      rowsRejected: MAX_QUARANTINED_PER_DELIVERY + 5,
      rowsOk: 0,
    });
    const kept = (await store.listQuarantined('example-basic', { limit: 5_000 })).filter((row) =>
      row.location.startsWith('junk.csv'),
    );
    expect(kept).toHaveLength(MAX_QUARANTINED_PER_DELIVERY + 1);
    expect(kept.map((row) => row.reason)).toContain('5 more rejected rows were not kept');
  });

  it('records a failed run and throws for a file that cannot be read at all', async () => {
    const clock = fixedClock('2026-11-22T06:00:00Z');
    await expect(
      ingestSnapshotFile(programme, bytes(''), 'empty.csv', { store: store, clock }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      ingestSnapshotFile(programme, new Uint8Array([0xc3, 0x28]), 'latin1.csv', {
        store: store,
        clock,
      }),
    ).rejects.toThrow(/latin1\.csv: is not valid UTF-8 text/);
    const runs = await store.listSourceRuns('example-basic', { source: 'upload', limit: 2 });
    expect(runs[0]).toMatchObject({ outcome: 'failed', rowsOk: 0 });
    expect(runs[0]?.error).toMatch(/not valid UTF-8|empty file/);
  });
});

describe('progress bar', () => {
  it('draws on a terminal only, once per percent, and ends the line', () => {
    const written: string[] = [];
    const terminal = {
      isTTY: true,
      write: (text: string) => written.push(text),
    } as unknown as NodeJS.WriteStream;
    const bar = progressBar(terminal, 'storing');
    bar.update(0, 10_000);
    bar.update(50, 10_000);
    bar.update(5_000, 10_000);
    bar.update(10_000, 10_000);
    bar.finish();
    expect(written).toHaveLength(4);
    expect(written[1]).toContain(' 50%  5,000/10,000');
    expect(written.at(-1)).toBe('\n');

    const pipe: string[] = [];
    const notTerminal = {
      isTTY: false,
      write: (text: string) => pipe.push(text),
    } as unknown as NodeJS.WriteStream;
    const silent = progressBar(notTerminal, 'storing');
    silent.update(1, 2);
    silent.finish();
    expect(pipe).toEqual([]);
  });
});
