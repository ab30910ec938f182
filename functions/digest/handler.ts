import { openStore } from '../../shared/adapters/open-store.ts';
import { createS3ReportPublisher } from '../../shared/adapters/s3-report-publisher.ts';
import { createSnsNotifier, readSnsNotifierConfig } from '../../shared/adapters/sns-notifier.ts';
import { digestEnv, parseRuntimeEnv } from '../../shared/config/runtime-env.ts';
import { logger } from '../../shared/logger.ts';
import { fixedClock, systemClock } from '../../shared/ports/clock.ts';
import { once } from '../../shared/runtime/memo.ts';
import { publishDigest } from '../../shared/use-cases/publish-digest.ts';
import { deployedProgrammes } from '../runtime/programme-files.ts';
import { parseEvent, runInstant, scheduledRunEvent } from '../runtime/scheduled-event.ts';

/** Weekly: one programme's digest, its HTML report in the bucket, the e-mail to the committee. */

const env = parseRuntimeEnv(digestEnv);
const files = deployedProgrammes();
const opened = once(() => openStore());
const notifier = createSnsNotifier(readSnsNotifierConfig());
const reportPublisher = createS3ReportPublisher({ bucket: env.DTWATCH_REPORT_BUCKET });

export interface DigestResult {
  readonly programme: string;
  readonly week: string;
  readonly outcome: 'published' | 'already-published';
  readonly reportLocation?: string;
  readonly recipients: number;
  readonly sent: number;
  readonly alreadySent: number;
}

export async function handler(event: unknown): Promise<DigestResult> {
  const request = parseEvent(scheduledRunEvent, event, 'digest event');
  const programme = await files.programme(request.programme);
  logger.appendKeys({ programme: programme.id });
  // The week is the last one completed at the scheduled time, so a retry on Tuesday (or a replay
  // months later) still digests the week the schedule meant.
  const clock = fixedClock(runInstant(request, systemClock.now()));
  const { store, finalRecords, auditTrail } = await opened();
  const result = await publishDigest(programme, undefined, {
    store,
    finalRecords,
    audit: auditTrail,
    notifier,
    clock,
    reportPublisher,
    ...(env.DTWATCH_WEB_BASE_URL !== undefined && { webBaseUrl: env.DTWATCH_WEB_BASE_URL }),
  });
  const summary: DigestResult = {
    programme: result.programme,
    week: result.week,
    outcome: result.outcome,
    reportLocation: result.report?.location,
    recipients: result.recipients,
    sent: result.sent,
    alreadySent: result.alreadySent,
  };
  logger.info('digest finished', { ...summary });
  return summary;
}
