import type { Acknowledgement } from '../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../alerts/alert-state.ts';
import type { Programme } from '../catalog/programme.ts';
import type { DigestRecord } from '../digest/digest-record.ts';
import { formatIsoWeek, isoWeekOfDate, previousIsoWeek } from '../digest/iso-week.ts';
import { dateInZone } from '../domain/calendar-date.ts';
import type { QuarantinedRow, SourceRun } from '../domain/ingest-records.ts';
import type { EmailSubscriptionState, Tenure } from '../domain/person.ts';
import { evaluateProgramme, groupBySeries, type SeriesHistory } from '../domain/programme-evaluation.ts';
import type { RatioIndex } from '../domain/ratio.ts';
import { ratioIndexOf } from '../domain/scorecard.ts';
import type { SeriesResult } from '../domain/series-status.ts';
import { buildOverview, type Overview } from './overview-model.ts';
import type { WebPorts } from './web-store.ts';

/** How many past weeks' digests the overview's trend and the archive look back. */
export const ARCHIVE_WEEKS = 26;

/**
 * Everything the pages of one programme read, loaded and evaluated once (as of today in the
 * programme's zone) and shared by requests until it goes stale or a write forgets it.
 */
export interface ProgrammeSnapshot {
  readonly programme: Programme;
  readonly asOf: string;
  readonly loadedAt: string;
  readonly history: SeriesHistory;
  readonly ratios: RatioIndex;
  readonly results: readonly SeriesResult[];
  readonly resultsByUnit: ReadonlyMap<string, readonly SeriesResult[]>;
  readonly alertStates: readonly AlertStateRecord[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly sourceRuns: readonly SourceRun[];
  readonly quarantined: readonly QuarantinedRow[];
  readonly tenures: readonly Tenure[];
  readonly emailStates: readonly EmailSubscriptionState[];
  /** Published digests, newest first, within the last ARCHIVE_WEEKS weeks. */
  readonly digests: readonly DigestRecord[];
  /** The overview of the whole programme (what the committee and the office see). */
  readonly programmeOverview: Overview;
}

export async function loadSnapshot(
  programme: Programme,
  ports: WebPorts,
  now: Date,
): Promise<ProgrammeSnapshot> {
  const asOf = dateInZone(now, programme.timezone);
  const weeks: string[] = [];
  let week = isoWeekOfDate(asOf);
  for (let i = 0; i < ARCHIVE_WEEKS; i++) {
    week = previousIsoWeek(week);
    weeks.push(formatIsoWeek(week));
  }
  const { store, directory } = ports;
  const [
    observations,
    alertStates,
    acknowledgements,
    sourceRuns,
    quarantined,
    tenures,
    emailStates,
    digests,
  ] = await Promise.all([
    store.programmeObservations(programme.id),
    store.listAlertStates(programme.id),
    store.listAcknowledgements(programme.id),
    store.listSourceRuns(programme.id, { limit: 200 }),
    store.listQuarantined(programme.id, { limit: 200 }),
    directory.listTenures(programme.id),
    directory.listEmailStates(),
    Promise.all(weeks.map((name) => store.getDigest(programme.id, name))),
  ]);
  const history = groupBySeries(observations);
  const results = evaluateProgramme(programme, history, asOf).results;
  const resultsByUnit = new Map<string, SeriesResult[]>();
  for (const result of results) {
    const list = resultsByUnit.get(result.unit);
    if (list) list.push(result);
    else resultsByUnit.set(result.unit, [result]);
  }
  const snapshot = {
    programme,
    asOf,
    loadedAt: now.toISOString(),
    history,
    ratios: ratioIndexOf(observations),
    results,
    resultsByUnit,
    alertStates,
    acknowledgements,
    sourceRuns,
    quarantined,
    tenures,
    emailStates,
    digests: digests.flatMap((digest) => (digest ? [digest] : [])),
  };
  return { ...snapshot, programmeOverview: buildOverview(snapshot, results, true) };
}
