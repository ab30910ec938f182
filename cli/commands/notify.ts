import { resolve } from 'node:path';
import { openStore } from '../../shared/adapters/open-store.ts';
import { createOutboxNotifier } from '../../shared/adapters/outbox-notifier.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { UsageError } from '../../shared/errors.ts';
import { WEB_BASE_URL_VARIABLE } from '../../shared/messages/message-links.ts';
import { type Clock, fixedClock, systemClock } from '../../shared/ports/clock.ts';
import type { Notifier } from '../../shared/ports/notifier.ts';
import { evaluateAndNotify, type NotifyCounts } from '../../shared/use-cases/evaluate-and-notify.ts';
import { signedMessageLinks } from '../../shared/web/signed-message-links.ts';
import { configuredSigningKey } from '../../shared/web/signing-key.ts';
import { oneOf, optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadProgrammeFile } from '../files.ts';

const HELP = `Usage: dtwatch notify --catalog <file> [--now ISO-8601] [--run-key <key>] [--notifier outbox|sns] [--format json|text] [--data-dir <dir>]

Evaluates the stored observations, advances every alert (open, remind, escalate, resolve) and
delivers what is owed to the agency heads, once per run key: one message per recipient and
channel. The people come from the directory (dtwatch directory import/set); the catalog's own
contacts are used only where the directory names nobody. SMS are held during the programme's quiet hours and sent by the first run after them.

Options:
  --catalog <file>         programme catalog (JSON)
  --now <instant>          the clock of the run, e.g. 2025-03-03T08:00:00+07:00 (default: now)
  --run-key <key>          identifies the scheduled run; re-running a key sends nothing new
                           (default: the clock's date in the programme's time zone)
  --notifier outbox|sns    outbox (default): write each message under <data-dir>/outbox/;
                           sns: publish through Amazon SNS with the standard AWS SDK
                           configuration (AWS_REGION, AWS_ENDPOINT_URL, credentials) and
                           DTWATCH_EMAIL_TOPIC_ARN_PREFIX, DTWATCH_EMAIL_TOPIC_SHARDS,
                           DTWATCH_SMS_SENDER_ID (see docs/alerts.md)
  --format json|text       the counts of the run (default text)
  --data-dir <dir>         embedded store and outbox folder (default .dtwatch/, or
                           DTWATCH_DATA_DIR)

With DTWATCH_WEB_BASE_URL set, each alert e-mail links to the alert's page in the web app with a
link signed for its recipient (30 days; the key is the secret DTWATCH_WEB_KEY_SECRET names, else
<data-dir>/web-signing.key, the key of \`dtwatch serve\`). Without it, messages ask for a reply.

Exit codes: 0 ok, 1 invalid catalog, 2 usage or configuration error, 3 some messages could not be
published, or another sender's claim on them has not expired yet (the others went; run again
with the same run key to send the rest, after 120 s for claimed ones).`;

const RUN_KEY_PATTERN = /^[A-Za-z0-9:._+-]{1,100}$/;

export const notifyCommand: Command = {
  name: 'notify',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      now: { type: 'string' },
      'run-key': { type: 'string' },
      notifier: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const format = oneOf(optionalString(parsed, 'format'), ['json', 'text'], 'format') ?? 'text';
    const notifierName = oneOf(optionalString(parsed, 'notifier'), ['outbox', 'sns'], 'notifier') ?? 'outbox';
    const clock = clockOf(optionalString(parsed, 'now'));
    const runKeyOption = optionalString(parsed, 'run-key');
    if (runKeyOption !== undefined && !RUN_KEY_PATTERN.test(runKeyOption)) {
      throw new UsageError('--run-key must be 1-100 letters, digits or ":._+-"');
    }
    const dataDir = resolve(optionalString(parsed, 'data-dir') || process.env.DTWATCH_DATA_DIR || '.dtwatch');

    const programme = await loadProgrammeFile(catalogFile);
    const runKey = runKeyOption ?? dateInZone(clock.now(), programme.timezone);
    const notifier = await notifierOf(notifierName, dataDir);
    // Signed alert links need the web app's key: the deployment's secret, or the data folder's.
    const links = await signedMessageLinks(
      programme.id,
      process.env[WEB_BASE_URL_VARIABLE],
      () => configuredSigningKey(dataDir),
      clock.now(),
    );
    const opened = await openStore({ dataDir });
    let counts: NotifyCounts;
    try {
      counts = await evaluateAndNotify(
        programme,
        runKey,
        {
          store: opened.store,
          notifier,
          clock,
          finalRecords: opened.finalRecords,
          directory: opened.directory,
          mutes: opened.mutes,
          audit: opened.auditTrail,
        },
        { links },
      );
    } finally {
      await opened.close();
    }
    writeOut(format === 'json' ? JSON.stringify(counts, null, 2) : describeCounts(counts));
    return 0;
  },
};

function clockOf(now: string | undefined): Clock {
  if (now === undefined) return systemClock;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(now) || Number.isNaN(Date.parse(now))) {
    throw new UsageError(
      `--now must be an ISO-8601 instant such as 2025-03-03T08:00:00+07:00 (got "${now}")`,
    );
  }
  return fixedClock(now);
}

async function notifierOf(name: 'outbox' | 'sns', dataDir: string): Promise<Notifier> {
  if (name === 'outbox') return createOutboxNotifier({ dataDir, report: writeErr });
  // Loaded only when asked for, so the default path never builds an SNS client.
  const sns = await import('../../shared/adapters/sns-notifier.ts');
  return sns.createSnsNotifier(sns.readSnsNotifierConfig());
}

function describeCounts(counts: NotifyCounts): string {
  return [
    `notify ${counts.programme}, run ${counts.runKey}, as of ${counts.asOf}`,
    `  alerts: opened ${counts.opened}, reminded ${counts.reminded}, escalated ${counts.escalated}, resolved ${counts.resolved}`,
    `  sent: sms ${counts.sent.sms}, email ${counts.sent.email}`,
    `  held: deferred (quiet hours) ${counts.deferred}, suppressed by ack ${counts.suppressedByAck}, over SMS cap ${counts.overCap}`,
    `  policy: muted ${counts.suppressedByMute}, sources down ${counts.sourcesDown}, overdue held behind them ${counts.inhibited}`,
    `  other: already sent ${counts.alreadySent}, busy ${counts.busy}, unreachable ${counts.unreachable}`,
  ].join('\n');
}
