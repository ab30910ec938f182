import { Logger, type LogItem } from '@aws-lambda-powertools/logger';
import { maskContactsInText } from './pii-mask.ts';

/**
 * Powertools' Logger with one change, through its extension point for subclasses (`printLog`):
 * the CLI keeps stdout for its output, so there the JSON records go to stderr. In Lambda both
 * streams end up in CloudWatch and nothing changes.
 */
class DtwatchLogger extends Logger {
  #toStderr = false;

  routeToStderr(): void {
    this.#toStderr = true;
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    if (!this.#toStderr) {
      super.printLog(logLevel, log);
      return;
    }
    log.prepareForPrint();
    process.stderr.write(`${JSON.stringify(log.getAttributes(), this.getJsonReplacer())}\n`);
  }
}

/**
 * The one structured logger (Powertools). Every string value is scrubbed of phone numbers and
 * e-mail addresses on the way out, so a careless log call cannot leak a head's contact details.
 */
export const logger = new DtwatchLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dtwatch',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: (_key: string, value: unknown) =>
    typeof value === 'string' ? maskContactsInText(value) : value,
});

/** For the CLI: log records go to stderr, stdout stays the command's output. */
export function routeLogsToStderr(): void {
  logger.routeToStderr();
}
