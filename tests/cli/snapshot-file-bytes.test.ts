import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSnapshotFile } from '../../cli/snapshot-file-bytes.ts';
import { InvalidInputError, UsageError } from '../../shared/errors.ts';
import { readForEvaluation } from '../../shared/snapshots/read-for-evaluation.ts';
import { PIECE_BYTES, type SnapshotBytes } from '../../shared/snapshots/snapshot-bytes.ts';
import { programmeOf, sampleCatalog } from '../unit/catalog-fixtures.ts';

const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-snapshot-file-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Every piece copied out (a piece's buffer is reused for the next one). */
function readAll(bytes: SnapshotBytes): { text: string; pieces: number } {
  const copies: Buffer[] = [];
  for (const piece of bytes.pieces()) copies.push(Buffer.from(piece));
  return { text: Buffer.concat(copies).toString('utf8'), pieces: copies.length };
}

describe('a snapshot file read from disk a piece at a time', () => {
  it('gives the file’s bytes, over several pieces, as often as it is read', () => {
    const file = join(workDir, 'big.csv');
    const text = `unit,indicator,date,value\n${'42,x,2025-01-31,93.5 ghi chú\n'.repeat(Math.ceil((2.5 * PIECE_BYTES) / 30))}`;
    writeFileSync(file, text);
    const bytes = openSnapshotFile(file, 1e9);
    expect(bytes.byteLength).toBe(Buffer.byteLength(text));
    expect(readAll(bytes)).toEqual({ text, pieces: 3 });
    expect(readAll(bytes)).toEqual({ text, pieces: 3 });
  });

  it('is refused before it is read when it is larger than the limit', () => {
    const file = join(workDir, 'large.csv');
    writeFileSync(file, 'unit,indicator,date,value\n');
    expect(() => openSnapshotFile(file, 10)).toThrow(InvalidInputError);
    expect(() => openSnapshotFile(file, 10)).toThrow(/is 26 bytes, more than the limit of 10/);
  });

  it('names a missing file or a folder as a usage error', () => {
    expect(() => openSnapshotFile(join(workDir, 'missing.csv'), 1e9)).toThrow(
      new UsageError(`${join(workDir, 'missing.csv')}: no such file`),
    );
    const folder = join(workDir, 'folder.csv');
    mkdirSync(folder);
    expect(() => openSnapshotFile(folder, 1e9)).toThrow(new UsageError(`${folder}: is a directory`));
  });

  it('refuses a reading of a file that changed since it was opened, rather than mixing two files', () => {
    const file = join(workDir, 'growing.csv');
    writeFileSync(file, 'unit,indicator,date,value\n');
    const bytes = openSnapshotFile(file, 1e9);
    appendFileSync(file, '42,x,2025-01-31,1\n');
    expect(() => [...bytes.pieces()]).toThrow(`${file} changed while it was being read`);
  });

  it('is refused as not UTF-8 when a bad byte sits in a later piece', () => {
    const file = join(workDir, 'latin1.csv');
    const good = Buffer.from(`unit,indicator,date,value\n${'42,x,2025-01-31,1\n'.repeat(PIECE_BYTES / 8)}`);
    writeFileSync(file, Buffer.concat([good, Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0x1a])]));
    const programme = programmeOf(sampleCatalog());
    expect(() => readForEvaluation(programme, openSnapshotFile(file, 1e9), file, {})).toThrow(
      new InvalidInputError([{ file, message: 'is not valid UTF-8 text' }]),
    );
  });
});
