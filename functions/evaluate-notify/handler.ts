import { openStore } from '../../shared/adapters/open-store.ts';
import { createSnsNotifier, readSnsNotifierConfig } from '../../shared/adapters/sns-notifier.ts';
import { evaluateNotifyEnv, parseRuntimeEnv } from '../../shared/config/runtime-env.ts';
import { logger } from '../../shared/logger.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { evaluateAndNotify } from '../../shared/use-cases/evaluate-and-notify.ts';
import { lazy } from '../runtime/lazy.ts';
import { programmeFiles } from '../runtime/programme-files.ts';
import { dailyRunKey, parseEvent, scheduledRunEvent } from '../runtime/scheduled-event.ts';

/** Second step of the daily run: evaluate one programme from the store and notify the heads. */

const env = parseRuntimeEnv(evaluateNotifyEnv);
const files = programmeFiles(env.DTWATCH_CATALOGS);
const opened = lazy(openStore);
const notifier = createSnsNotifier(readSnsNotifierConfig());

export async function handler(event: unknown) {
  const request = parseEvent(scheduledRunEvent, event, 'evaluate-notify event');
  const programme = await files.programme(request.programme);
  const runKey = dailyRunKey(request, programme.timezone, systemClock.now());
  logger.appendKeys({ programme: programme.id, runKey });
  // The real clock, not the scheduled time: quiet hours are about when an SMS actually goes out.
  const summary = await evaluateAndNotify(programme, runKey, {
    store: (await opened()).store,
    directory: (await opened()).directory,
    notifier,
    clock: systemClock,
  });
  logger.info('evaluate and notify finished', { summary });
  return summary;
}
