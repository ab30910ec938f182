import type { Clock } from '../../shared/ports/clock.ts';
import type { Language } from '../../shared/style/language.ts';
import type { NotifyCounts } from '../../shared/use-cases/evaluate-and-notify.ts';
import { writeErr, writeOut } from '../command.ts';
import { NATIONAL_SAMPLE_TEXT } from '../render/national-sample-text.ts';
import { runNationalSample } from './national-sample-run.ts';

/** `npm start -- --national-sample`: runs the SAMPLE programmes and prints the totals; 3 when one failed. */
export async function runNationalSampleCommand(
  dataDir: string,
  clock: Clock,
  provinces: string[] | undefined,
  language: Language,
): Promise<number> {
  const text = NATIONAL_SAMPLE_TEXT[language];
  const started = Date.now();
  let done = 0;
  const run = await runNationalSample({
    dataDir,
    clock,
    ...(provinces && { provinces }),
    progress: (outcome) => {
      const problems = [
        ...(outcome.notifyError ? [outcome.notifyError] : []),
        ...(outcome.ingestError ? [`pull: ${outcome.ingestError}`] : []),
      ];
      writeErr(`[${++done}] ${text.outcome(outcome.programme, outcome.outcome === 'ok', problems)}`);
    },
  });
  const counts = [...run.notify.values()];
  const sum = (pick: (c: NotifyCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
  const failed = run.outcomes.filter((outcome) => outcome.outcome === 'failed').map((f) => f.programme);
  writeOut(
    text
      .summary({
        programmes: run.programmes.length,
        series: run.programmes.reduce((n, p) => n + p.series.length, 0),
        ran: run.outcomes.length - failed.length,
        failed,
        opened: sum((c) => c.opened),
        reminded: sum((c) => c.reminded),
        escalated: sum((c) => c.escalated),
        resolved: sum((c) => c.resolved),
        email: sum((c) => c.sent.email),
        sms: sum((c) => c.sent.sms),
        outbox: `${dataDir}/outbox`,
        seconds: (Date.now() - started) / 1000,
      })
      .join('\n'),
  );
  return failed.length > 0 ? 3 : 0;
}
