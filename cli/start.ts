import './sdk-environment.ts';
import { routeLogsToStderr } from '../shared/logger.ts';
import { startCommand } from './local/start-command.ts';
import { runCommand } from './main.ts';

/** `npm start`: one monitoring cycle on the embedded default (cli/local/start-command.ts). */
routeLogsToStderr();
process.exitCode = await runCommand(startCommand, process.argv.slice(2));
