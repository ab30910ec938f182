import type { DigestRecord } from '../../digest/digest-record.ts';
import type { DigestArchive } from '../../ports/digest-archive.ts';
import { storedCopy } from '../store-rules.ts';

/** Published weeks in memory; a week is written once. */
export class MemoryDigestArchive implements DigestArchive {
  private readonly digests = new Map<string, DigestRecord>();

  async putDigestIfAbsent(digest: DigestRecord): Promise<boolean> {
    const id = `${digest.programme}#${digest.week}`;
    if (this.digests.has(id)) return false;
    this.digests.set(id, storedCopy(digest));
    return true;
  }

  async getDigest(programme: string, week: string): Promise<DigestRecord | undefined> {
    const digest = this.digests.get(`${programme}#${week}`);
    return digest ? storedCopy(digest) : undefined;
  }
}
