import type { DigestRecord } from '../digest/digest-record.ts';

/** One record per published week, which next week's digest compares against. */
export interface DigestArchive {
  /** false when a digest for that week already exists (nothing written). */
  putDigestIfAbsent(digest: DigestRecord): Promise<boolean>;
  getDigest(programme: string, week: string): Promise<DigestRecord | undefined>;
}
