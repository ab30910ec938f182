import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createLocalReportPublisher } from '../../shared/adapters/local-report-publisher.ts';
import { type OpenedStore, openStore } from '../../shared/adapters/open-store.ts';
import { createOutboxNotifier } from '../../shared/adapters/outbox-notifier.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import { parseDirectoryText } from '../../shared/directory/directory-file.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import type { Role, Tenure } from '../../shared/domain/person.ts';
import {
  type EvaluationReport,
  evaluateProgramme,
  groupBySeries,
} from '../../shared/domain/programme-evaluation.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type { FetchSource } from '../../shared/ports/source-fetcher.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { createSourceFetcher } from '../../shared/sources/fetch-source.ts';
import { createHttpFetcher } from '../../shared/sources/http-fetcher.ts';
import { createSecretResolver } from '../../shared/sources/secret-resolver.ts';
import { sourcesFileSchema } from '../../shared/sources/source-config.ts';
import { applyDirectoryRows } from '../../shared/use-cases/directory-changes.ts';
import { evaluateAndNotify, type NotifyCounts } from '../../shared/use-cases/evaluate-and-notify.ts';
import { ingestProgramme, type ProgrammeIngestReport } from '../../shared/use-cases/ingest.ts';
import { type PublishDigestResult, publishDigest } from '../../shared/use-cases/publish-digest.ts';
import { signedMessageLinks } from '../../shared/web/signed-message-links.ts';
import { localSigningKey } from '../../shared/web/signing-key.ts';
import type { CycleStep } from '../render/start-text.ts';
import { startSampleSource } from './sample-source-server.ts';

/**
 * The embedded store is this process's alone (LevelDB locks its folder), so a pending ledger claim
 * found in it was left by a cycle that died between claiming and marking: it is taken over at
 * once, not after the usual lease (which a fixed --as-of clock would never see pass). The outbox
 * names each file by run key, channel and recipient, so the resend rewrites the same file.
 */
const LOCAL_LEASE_SECONDS = 0;
/** The sample source listens on loopback only. */
const SAMPLE_HOST = '127.0.0.1';
/** The cycle's identity in the ledger: one name for every attempt, since it holds the store alone. */
const LOCAL_SENDER = 'local-cycle';

export interface CycleOptions {
  readonly programme: Programme;
  readonly catalogPath: string;
  readonly dataDir: string;
  /** The sample directory, imported when the store has nobody for the programme yet. */
  readonly directoryFile?: string;
  readonly clock: Clock;
  /** Each step as it starts, for the progress lines people read (worded by cli/render/start-text.ts). */
  readonly progress: (step: CycleStep) => void;
  /**
   * Where `dtwatch serve` answers: alert e-mails then link to their alert with a link signed for
   * their recipient (the data folder's key); undefined: no links, the messages ask for a reply.
   */
  readonly webBaseUrl?: string;
  /** Each message written to the outbox, said without its address (who, by unit and role). */
  readonly onMessage: (message: SentMessage) => void;
}

/** A message of the run as the dashboard lists it: never the address, always who it is for. */
export interface SentMessage {
  readonly channel: 'email' | 'sms';
  readonly kind: 'alert' | 'digest';
  /** The seat the address belongs to, from the directory; undefined when nobody holds it. */
  readonly seat?: { readonly role: Role; readonly unit: string };
}

export interface CycleOutcome {
  readonly today: string;
  readonly ingest: ProgrammeIngestReport;
  readonly notify: NotifyCounts;
  readonly digest: PublishDigestResult;
  readonly report: EvaluationReport;
  readonly mainSeries: Map<string, number[]>;
  readonly mainIndicator: string;
  readonly outboxDirectory: string;
}

/**
 * One monitoring run on the embedded default, exactly as the scheduled run does it in AWS:
 * pull the (sample) sources over HTTP, store, evaluate, alert through the outbox, and publish the
 * digest of the last complete week. Run keys come from the date, so a second run the same day
 * finds everything stored and sent already.
 */
export async function runMonitoringCycle(options: CycleOptions): Promise<CycleOutcome> {
  const opened = await openStore({ dataDir: options.dataDir });
  try {
    const ingest = await pullSampleSources(options, opened);
    return { ingest, ...(await alertAndPublish(options, opened)) };
  } finally {
    await opened.close();
  }
}

/**
 * The cycle's first step (the scheduled run's ingest function): generate the SAMPLE DATA, serve it
 * on loopback, pull it into the store; on the first run, import the sample directory of people.
 */
export async function pullSampleSources(
  options: CycleOptions,
  opened: OpenedStore,
): Promise<ProgrammeIngestReport> {
  const { programme, clock, progress } = options;
  const today = dateInZone(clock.now(), programme.timezone);
  progress({ kind: 'generate', host: SAMPLE_HOST });
  const dataset = generateSampleData(programme, { through: today });
  const source = await startSampleSource(programme, dataset);
  try {
    const sources = sourcesFileSchema.parse({
      programme: programme.id,
      allowHosts: [SAMPLE_HOST],
      sources: [
        { id: 'agencies-api', kind: 'http-json', url: `${source.baseUrl}${source.paths.json}` },
        { id: 'communes-export', kind: 'http-csv', url: `${source.baseUrl}${source.paths.csv}` },
      ],
    });
    const fetchSource = withoutEphemeralPort(
      createSourceFetcher({
        http: createHttpFetcher({ policy: { allowHosts: sources.allowHosts ?? [] } }),
        secrets: createSecretResolver(),
      }),
      source.baseUrl,
    );
    progress({
      kind: 'pull',
      sources: sources.sources.length,
      store: opened.embeddedDir === undefined ? { table: opened.tableName } : { folder: opened.embeddedDir },
    });
    const ingest = await ingestProgramme(programme, sources, { store: opened.store, clock, fetchSource });

    if (options.directoryFile && (await opened.directory.listTenures(programme.id)).length === 0) {
      // First run: the people go in through the same path as `dtwatch directory import`.
      const rows = parseDirectoryText(
        await readFile(options.directoryFile, 'utf8'),
        options.directoryFile,
        programme,
      );
      await applyDirectoryRows(opened.directory, programme.id, rows, today, clock.now().toISOString(), {
        trail: opened.auditTrail,
        by: 'npm start (sample directory)',
      });
    }
    return ingest;
  } finally {
    await source.close();
  }
}

/** The cycle's second step (evaluate-notify), then the digest and what the dashboard shows. */
export async function alertAndPublish(
  options: CycleOptions,
  opened: OpenedStore,
): Promise<Omit<CycleOutcome, 'ingest'>> {
  const { programme, clock, progress } = options;
  const today = dateInZone(clock.now(), programme.timezone);
  progress({ kind: 'evaluate' });
  const seats = seatsByContact(await opened.directory.listTenures(programme.id));
  const outbox = createOutboxNotifier({
    dataDir: options.dataDir,
    report: (_line, message) => {
      const seat = seats.get(message.recipient.trim().toLowerCase());
      options.onMessage({
        channel: message.channel,
        kind: message.kind,
        ...(seat !== undefined && { seat }),
      });
    },
  });
  const notify = await evaluateAndNotify(
    programme,
    today,
    {
      store: opened.store,
      notifier: outbox,
      clock,
      finalRecords: opened.finalRecords,
      directory: opened.directory,
      mutes: opened.mutes,
      audit: opened.auditTrail,
    },
    {
      leaseSeconds: LOCAL_LEASE_SECONDS,
      sender: LOCAL_SENDER,
      links: await signedMessageLinks(
        programme.id,
        options.webBaseUrl,
        () => localSigningKey(options.dataDir),
        clock.now(),
      ),
    },
  );

  progress({ kind: 'digest' });
  const digest = await publishDigest(programme, undefined, {
    store: opened.store,
    finalRecords: opened.finalRecords,
    audit: opened.auditTrail,
    directory: opened.directory,
    notifier: outbox,
    clock,
    reportPublisher: createLocalReportPublisher(join(options.dataDir, 'digest')),
    leaseSeconds: LOCAL_LEASE_SECONDS,
    sender: LOCAL_SENDER,
  });

  const observations = await opened.store.programmeObservations(programme.id);
  const report = evaluateProgramme(programme, groupBySeries(observations), today);
  const mainIndicator =
    programme.catalog.indicators.find((indicator) => indicator.main)?.id ??
    programme.catalog.indicators[0]?.id ??
    '';
  const mainSeries = new Map<string, number[]>();
  for (const observation of [...observations].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    if (observation.indicator !== mainIndicator) continue;
    const list = mainSeries.get(observation.unit) ?? [];
    list.push(observation.value);
    mainSeries.set(observation.unit, list);
  }
  return { today, notify, digest, report, mainSeries, mainIndicator, outboxDirectory: outbox.directory };
}

/**
 * The sample source listens on a new loopback port each run, and quarantine rows are keyed by
 * their location (`<delivery>: line N`): named with the port, every run would add another copy
 * of each rejected row. The deliveries are named without it.
 */
function withoutEphemeralPort(fetchSource: FetchSource, baseUrl: string): FetchSource {
  return async function* (entry) {
    for await (const delivery of fetchSource(entry)) {
      yield { ...delivery, name: delivery.name.replace(baseUrl, 'sample-source') };
    }
  };
}

/** Who holds each address or phone number (the latest tenure wins), to name a recipient by seat. */
function seatsByContact(tenures: readonly Tenure[]): Map<string, { role: Role; unit: string }> {
  const seats = new Map<string, { role: Role; unit: string }>();
  for (const tenure of tenures) {
    for (const contact of [tenure.email, tenure.phone]) {
      if (contact) seats.set(contact.trim().toLowerCase(), { role: tenure.role, unit: tenure.unit });
    }
  }
  return seats;
}

/** Removes the local data folder, refusing anything that is not plainly a dtwatch data folder. */
export async function resetDataDir(dataDir: string): Promise<void> {
  const target = resolve(dataDir);
  if (target === resolve('/') || target === resolve(process.cwd())) {
    throw new Error(`refusing to delete ${target}`);
  }
  await rm(target, { recursive: true, force: true });
}
