import { openStore } from '../../shared/adapters/open-store.ts';
import { addNotifyMetrics, createRunMetrics } from '../../shared/adapters/run-metrics.ts';
import { emailShardOf } from '../../shared/adapters/sns-email-routing.ts';
import {
  createSnsEmailSubscriptions,
  readSubscriptionSyncConfig,
} from '../../shared/adapters/sns-email-subscriptions.ts';
import { createSnsNotifier, readSnsNotifierConfig } from '../../shared/adapters/sns-notifier.ts';
import { evaluateNotifyEnv, parseRuntimeEnv } from '../../shared/config/runtime-env.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { logger } from '../../shared/logger.ts';
import { NO_LINKS } from '../../shared/messages/message-links.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { once } from '../../shared/runtime/memo.ts';
import { evaluateAndNotify, NotificationDeliveryError } from '../../shared/use-cases/evaluate-and-notify.ts';
import { programmePeopleHealth } from '../../shared/use-cases/people-reach.ts';
import { syncSubscriptions } from '../../shared/use-cases/sync-subscriptions.ts';
import { signedMessageLinks } from '../../shared/web/signed-message-links.ts';
import { secretSigningKey } from '../../shared/web/signing-key.ts';
import { deployedProgrammes } from '../runtime/programme-files.ts';
import { dailyRunKey, parseEvent, scheduledRunEvent } from '../runtime/scheduled-event.ts';

/**
 * Second step of the daily run: keep the e-mail subscriptions in step with the directory, then
 * evaluate one programme from the store and notify its people.
 */

// Checked at load, so a missing variable fails the first invocation with its name.
const env = parseRuntimeEnv(evaluateNotifyEnv);
const files = deployedProgrammes();
const opened = once(() => openStore());
const snsConfig = readSnsNotifierConfig();
const notifier = createSnsNotifier(snsConfig);
const syncConfig = readSubscriptionSyncConfig();
const subscriptions = createSnsEmailSubscriptions({
  topicArnPrefix: snsConfig.emailTopicArnPrefix,
  shards: snsConfig.emailTopicShards,
  ...(syncConfig.deliveryFailuresArn && { deliveryFailuresArn: syncConfig.deliveryFailuresArn }),
});
const metrics = createRunMetrics();

export async function handler(event: unknown) {
  const request = parseEvent(scheduledRunEvent, event, 'evaluate-notify event');
  const programme = await files.programme(request.programme);
  const runKey = dailyRunKey(request, programme.timezone, systemClock.now());
  logger.appendKeys({ programme: programme.id, runKey });
  const { store, directory, finalRecords, auditTrail, mutes } = await opened();
  // This programme's people only: the others' runs sync theirs (the topics are shared, so an
  // address leaves them when no programme wants it). A refused sync (quota) still lets the alerts
  // go (SMS, confirmed e-mail), then fails the run.
  let syncError: unknown;
  try {
    await syncSubscriptions(programme, {
      directory,
      subscriptions,
      clock: systemClock,
      shardOf: (address) => emailShardOf(address, snsConfig.emailTopicShards),
      quotas: syncConfig.quotas,
    });
  } catch (error) {
    syncError = error;
    logger.error('e-mail subscription sync failed', {
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
  const health = await programmePeopleHealth(
    directory,
    programme.id,
    dateInZone(systemClock.now(), programme.timezone),
  );
  // Each alert e-mail links to its alert with a link signed for its recipient (the web app's
  // key, read through Powertools Parameters and cached for the hour). Alerts matter more than
  // links: an unreadable key sends them asking for a reply, and says so in the log.
  const links = await signedMessageLinks(
    programme.id,
    env.DTWATCH_WEB_BASE_URL,
    () => secretSigningKey(env.DTWATCH_WEB_KEY_SECRET as string),
    systemClock.now(),
  ).catch((error: unknown) => {
    logger.error('alert links left out: the web signing key could not be read', {
      error: error instanceof Error ? error.message : 'unknown',
    });
    return NO_LINKS;
  });
  try {
    // The real clock, not the scheduled time: quiet hours are about when an SMS actually goes out.
    // Without an execution id (an ad-hoc invocation) the attempt is a sender of its own.
    const summary = await evaluateAndNotify(
      programme,
      runKey,
      { store, directory, finalRecords, audit: auditTrail, mutes, notifier, clock: systemClock },
      {
        links,
        ...(request.execution !== undefined && { sender: request.execution }),
      },
    );
    addNotifyMetrics(metrics, {
      sent: summary.sent.sms + summary.sent.email,
      failed: 0,
      deferred: summary.deferred,
      peopleUnreachable: health.unreachable.length,
    });
    logger.info('evaluate and notify finished', { summary });
    if (syncError) throw syncError;
    return summary;
  } catch (error) {
    if (error instanceof NotificationDeliveryError) {
      const sent = error.attempted - error.failed;
      addNotifyMetrics(metrics, {
        sent,
        failed: error.failed,
        deferred: 0,
        peopleUnreachable: health.unreachable.length,
      });
    }
    throw error;
  } finally {
    metrics.publishStoredMetrics();
  }
}
