/**
 * The child of the crash-consistency test: one local monitoring cycle, exactly as `npm start`
 * runs it (cli/start.ts), on a fixed clock, printing a marker line on stderr at each phase so the
 * parent knows where its SIGKILL landed. Arguments: <data-dir> <programme-id> <as-of>.
 */
import '../../../cli/sdk-environment.ts';
import { loadCatalogFile } from '../../../cli/files.ts';
import { runMonitoringCycle } from '../../../cli/local/monitoring-cycle.ts';
import { buildProgramme } from '../../../shared/catalog/programme.ts';
import { logger, routeLogsToStderr } from '../../../shared/logger.ts';
import { fixedClock } from '../../../shared/ports/clock.ts';
import { CRASH_PHASE_OF_STEP, crashMarker } from './crash-markers.ts';

const [dataDir, programmeId, asOf, catalogRoot = '.'] = process.argv.slice(2);
if (!dataDir || !programmeId || !asOf) {
  process.stderr.write('usage: cycle-entry <data-dir> <programme-id> <as-of> [catalog-root]\n');
  process.exit(2);
}
routeLogsToStderr();
logger.setLogLevel('ERROR');

const mark = (text: string) => process.stderr.write(`${crashMarker(text)}\n`);
const catalogPath = `catalog/${programmeId}.json`;
const programme = buildProgramme(await loadCatalogFile(`${catalogRoot}/${catalogPath}`));
let step = 0;
await runMonitoringCycle({
  programme,
  catalogPath,
  dataDir,
  // The same instant as `npm start -- --as-of`: 05:00 UTC.
  clock: fixedClock(`${asOf}T05:00:00Z`),
  progress: () => mark(`phase ${CRASH_PHASE_OF_STEP[step++] ?? 'unknown'}`),
  onMessage: () => mark('message'),
});
mark('phase done');
