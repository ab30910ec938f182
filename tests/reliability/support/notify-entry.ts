/**
 * The child of the notify crash test: one evaluate-and-notify attempt exactly as the Lambda runs
 * it (openStore with DTWATCH_TABLE, the SNS notifier, both on moto through the standard SDK
 * settings), printing a marker on stderr after each ledger claim, before and after each publish
 * and after each ledger mark, so that the parent can SIGKILL it at a chosen point of the publish
 * phase. Arguments: <catalog-file> <run-key> <sender> <now>.
 */
import '../../../cli/sdk-environment.ts';
import { loadCatalogFile } from '../../../cli/files.ts';
import { openStore } from '../../../shared/adapters/open-store.ts';
import { createSnsNotifier, readSnsNotifierConfig } from '../../../shared/adapters/sns-notifier.ts';
import { buildProgramme } from '../../../shared/catalog/programme.ts';
import { logger, routeLogsToStderr } from '../../../shared/logger.ts';
import { fixedClock } from '../../../shared/ports/clock.ts';
import type { Notifier } from '../../../shared/ports/notifier.ts';
import { evaluateAndNotify, type NotifyStore } from '../../../shared/use-cases/evaluate-and-notify.ts';
import { crashMarker } from './crash-markers.ts';

const [catalogFile, runKey, sender, now] = process.argv.slice(2);
if (!catalogFile || !runKey || !sender || !now) {
  process.stderr.write('usage: notify-entry <catalog-file> <run-key> <sender> <now>\n');
  process.exit(2);
}
routeLogsToStderr();
logger.setLogLevel('ERROR');
const mark = (text: string) => process.stderr.write(`${crashMarker(text)}\n`);

const programme = buildProgramme(await loadCatalogFile(catalogFile));
const opened = await openStore();
const table = opened.store;
// The narrow ports make the watch points plain wrappers.
const store: NotifyStore = {
  observationPartitions: (id) => table.observationPartitions(id),
  listAlertStates: (id) => table.listAlertStates(id),
  putAlertStates: (id, states) => table.putAlertStates(id, states),
  listAcknowledgements: (id) => table.listAcknowledgements(id),
  listSourceRuns: (id, options) => table.listSourceRuns(id, options),
  async listNotifications(id, key) {
    const entries = await table.listNotifications(id, key);
    mark('ledger read');
    return entries;
  },
  releaseNotification: (key) => table.releaseNotification(key),
  async claimNotification(key, claim) {
    const outcome = await table.claimNotification(key, claim);
    mark('claimed');
    return outcome;
  },
  async markNotificationSent(key, messageId, sentAt) {
    await table.markNotificationSent(key, messageId, sentAt);
    mark('marked');
  },
};
const sns = createSnsNotifier(readSnsNotifierConfig());
const notifier: Notifier = {
  async send(message) {
    mark('publishing');
    const sent = await sns.send(message);
    mark('published');
    return sent;
  },
};
await evaluateAndNotify(programme, runKey, { store, notifier, clock: fixedClock(now) }, { sender });
await opened.close();
mark('done');
