import { Console } from 'node:console';
import { Logger } from '@aws-lambda-powertools/logger';
import { maskContactsInText } from './pii-mask.ts';

/**
 * The one structured logger (Powertools). Every string value is scrubbed of phone numbers and
 * e-mail addresses on the way out, so a careless log call cannot leak a head's contact details.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'dtwatch',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: (_key: string, value: unknown) =>
    typeof value === 'string' ? maskContactsInText(value) : value,
});

/**
 * The CLI keeps stdout for its output: log lines go to stderr there. (In Lambda both streams end
 * up in CloudWatch, so nothing changes there.)
 */
export function routeLogsToStderr(): void {
  (logger as unknown as { console: Console }).console = new Console({
    stdout: process.stderr,
    stderr: process.stderr,
  });
}
