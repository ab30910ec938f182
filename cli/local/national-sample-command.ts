import type { Clock } from '../../shared/ports/clock.ts';
import type { NotifyCounts } from '../../shared/use-cases/evaluate-and-notify.ts';
import { writeErr, writeOut } from '../command.ts';
import { runNationalSample } from './national-sample-run.ts';

/** `npm start -- --national-sample`: runs the SAMPLE programmes and prints the totals; 3 when one failed. */
export async function runNationalSampleCommand(
  dataDir: string,
  clock: Clock,
  provinces: string[] | undefined,
): Promise<number> {
  const started = Date.now();
  let done = 0;
  const run = await runNationalSample({
    dataDir,
    clock,
    ...(provinces && { provinces }),
    progress: (line) => writeErr(`[${++done}] ${line}`),
  });
  const counts = [...run.notify.values()];
  const sum = (pick: (c: NotifyCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
  const failed = run.outcomes.filter((outcome) => outcome.outcome === 'failed');
  writeOut(
    [
      'SAMPLE DATA — generated for the demo, not official figures; targets are templates marked SAMPLE.',
      `${run.programmes.length} programmes, ${run.programmes.reduce((n, p) => n + p.series.length, 0)} series; ` +
        `${run.outcomes.length - failed.length} ran, ${failed.length} failed${failed.length > 0 ? ` (${failed.map((f) => f.programme).join(', ')})` : ''}.`,
      `Alerts: ${sum((c) => c.opened)} opened, ${sum((c) => c.reminded)} reminded, ${sum((c) => c.escalated)} escalated, ` +
        `${sum((c) => c.resolved)} resolved; sent ${sum((c) => c.sent.email)} e-mail and ${sum((c) => c.sent.sms)} SMS (outbox: ${dataDir}/outbox).`,
      `Finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    ].join('\n'),
  );
  return failed.length > 0 ? 3 : 0;
}
