import type { Command } from '../command.ts';

/**
 * One `dtwatch` command as `--help` lists it. The command's module is imported only when it runs:
 * importing every command up front (the AWS SDK, the web app, the CDK-free bits of each) cost
 * every invocation about a second and 40 MB before it did anything.
 */
export interface CommandEntry {
  /** Words after `dtwatch`, e.g. `catalog check`. */
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every `dtwatch` command, in the order `dtwatch --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'evaluate',
    summary: 'judge a snapshot file against the catalog (no storage)',
    load: async () => (await import('./evaluate.ts')).evaluateCommand,
  },
  {
    name: 'catalog check',
    summary: 'validate a catalog and summarise its series',
    load: async () => (await import('./catalog-check.ts')).catalogCheckCommand,
  },
  {
    name: 'catalog publish',
    summary: 'check a catalog and make it the current one (no deploy)',
    load: async () => (await import('./catalog-publish.ts')).catalogPublishCommand,
  },
  {
    name: 'catalog versions',
    summary: 'list the published versions of a programme catalog',
    load: async () => (await import('./catalog-publish.ts')).catalogVersionsCommand,
  },
  {
    name: 'catalog rollback',
    summary: 'make an earlier published catalog version current again',
    load: async () => (await import('./catalog-publish.ts')).catalogRollbackCommand,
  },
  {
    name: 'ingest',
    summary: 'store a snapshot file or pull the sources into the store',
    load: async () => (await import('./ingest.ts')).ingestCommand,
  },
  {
    name: 'status',
    summary: 'judge the stored observations against the catalog',
    load: async () => (await import('./status.ts')).statusCommand,
  },
  {
    name: 'quarantine list',
    summary: 'list rejected rows, newest first',
    load: async () => (await import('./quarantine.ts')).quarantineListCommand,
  },
  {
    name: 'notify',
    summary: 'alert the agency heads about series behind, stale or resolved',
    load: async () => (await import('./notify.ts')).notifyCommand,
  },
  {
    name: 'ack',
    summary: 'acknowledge an alert with a remediation plan (pauses reminders)',
    load: async () => (await import('./ack.ts')).ackCommand,
  },
  {
    name: 'ack list',
    summary: 'list acknowledgements',
    load: async () => (await import('./ack.ts')).ackListCommand,
  },
  {
    name: 'ack remove',
    summary: 'remove an acknowledgement (reminders resume)',
    load: async () => (await import('./ack.ts')).ackRemoveCommand,
  },
  {
    name: 'mute',
    summary: 'hold back the alerts matching unit/indicator/level patterns until a date (a silence)',
    load: async () => (await import('./mute.ts')).muteCommand,
  },
  {
    name: 'mute list',
    summary: 'list mutes (--all: with expired and removed ones)',
    load: async () => (await import('./mute.ts')).muteListCommand,
  },
  {
    name: 'mute remove',
    summary: 'end a mute now (its alerts resume at the next run)',
    load: async () => (await import('./mute.ts')).muteRemoveCommand,
  },
  {
    name: 'digest',
    summary: 'write and send the weekly digest for the steering committee',
    load: async () => (await import('./digest.ts')).digestCommand,
  },
  {
    name: 'history',
    summary: 'who was told what and when, on which data (the audit trail of a unit)',
    load: async () => (await import('./history.ts')).historyCommand,
  },
  {
    name: 'directory import',
    summary: 'import the people of a programme (CSV or JSON) into the directory',
    load: async () => (await import('./directory.ts')).directoryImportCommand,
  },
  {
    name: 'directory list',
    summary: 'list the people in force',
    load: async () => (await import('./directory.ts')).directoryListCommand,
  },
  {
    name: 'directory set',
    summary: 'put one person in a seat (handover recorded)',
    load: async () => (await import('./directory.ts')).directorySetCommand,
  },
  {
    name: 'directory remove',
    summary: 'end the tenure of the person in a seat',
    load: async () => (await import('./directory.ts')).directoryRemoveCommand,
  },
  {
    name: 'directory history',
    summary: 'every tenure recorded: who held which seat when',
    load: async () => (await import('./directory.ts')).directoryHistoryCommand,
  },
  {
    name: 'directory status',
    summary: 'e-mail confirmation states and the people who cannot be reached',
    load: async () => (await import('./directory-status.ts')).directoryStatusCommand,
  },
  {
    name: 'simulate',
    summary: 'replay weekly monitoring runs over sample data (alerts, reminders, digests)',
    load: async () => (await import('./simulate.ts')).simulateCommand,
  },
  {
    name: 'store init',
    summary: 'create the store table (emulators, tests, local use)',
    load: async () => (await import('./store-init.ts')).storeInitCommand,
  },
  {
    name: 'invoke',
    summary: 'run a Lambda handler in-process with the current environment',
    load: async () => (await import('./invoke.ts')).invokeCommand,
  },
  {
    name: 'serve',
    summary: 'serve the web app on 127.0.0.1 over the local store',
    load: async () => (await import('./web.ts')).serveCommand,
  },
  {
    name: 'web link',
    summary: 'print a single-use sign-in link for a person of the directory',
    load: async () => (await import('./web.ts')).webLinkCommand,
  },
];
