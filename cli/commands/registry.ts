import type { Command } from '../command.ts';
import { ackCommand, ackListCommand, ackRemoveCommand } from './ack.ts';
import { catalogCheckCommand } from './catalog-check.ts';
import { catalogPublishCommand, catalogRollbackCommand, catalogVersionsCommand } from './catalog-publish.ts';
import { digestCommand } from './digest.ts';
import {
  directoryHistoryCommand,
  directoryImportCommand,
  directoryListCommand,
  directoryRemoveCommand,
  directorySetCommand,
} from './directory.ts';
import { directoryStatusCommand } from './directory-status.ts';
import { evaluateCommand } from './evaluate.ts';
import { historyCommand } from './history.ts';
import { ingestCommand } from './ingest.ts';
import { invokeCommand } from './invoke.ts';
import { muteCommand, muteListCommand, muteRemoveCommand } from './mute.ts';
import { notifyCommand } from './notify.ts';
import { quarantineListCommand } from './quarantine.ts';
import { simulateCommand } from './simulate.ts';
import { statusCommand } from './status.ts';
import { storeInitCommand } from './store-init.ts';
import { serveCommand, webLinkCommand } from './web.ts';

/** Every `dtwatch` command, in the order `dtwatch --help` lists them. */
export const COMMANDS: readonly Command[] = [
  evaluateCommand,
  catalogCheckCommand,
  catalogPublishCommand,
  catalogVersionsCommand,
  catalogRollbackCommand,
  ingestCommand,
  statusCommand,
  quarantineListCommand,
  notifyCommand,
  ackCommand,
  ackListCommand,
  ackRemoveCommand,
  muteCommand,
  muteListCommand,
  muteRemoveCommand,
  digestCommand,
  historyCommand,
  directoryImportCommand,
  directoryListCommand,
  directorySetCommand,
  directoryRemoveCommand,
  directoryHistoryCommand,
  directoryStatusCommand,
  simulateCommand,
  storeInitCommand,
  invokeCommand,
  serveCommand,
  webLinkCommand,
];
