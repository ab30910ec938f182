import { handle } from 'hono/aws-lambda';
import { openStore } from '../../shared/adapters/open-store.ts';
import { createSnsNotifier, readSnsNotifierConfig } from '../../shared/adapters/sns-notifier.ts';
import { parseRuntimeEnv, webEnv } from '../../shared/config/runtime-env.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { once } from '../../shared/runtime/memo.ts';
import { createWebApp } from '../../shared/web/app.ts';
import { signInMessage } from '../../shared/web/sign-in-message.ts';
import { secretSigningKey } from '../../shared/web/signing-key.ts';
import { deployedProgrammes } from '../runtime/programme-files.ts';

/**
 * The web app behind the HTTP API: one app per container, its store opened once; each programme's
 * published catalog is read again with its data (every 60 s at most), so a catalog published
 * while the container is warm is shown within a minute, without a cold start.
 */

const env = parseRuntimeEnv(webEnv);
const files = deployedProgrammes();
const notifier = createSnsNotifier(readSnsNotifierConfig());

const app = once(async () => {
  const opened = await openStore();
  return handle(
    createWebApp({
      programmes: { ids: files.programmeIds, current: (id) => files.programme(id) },
      ports: {
        store: opened.store,
        directory: opened.directory,
        signInTokens: opened.signInTokens,
        revisions: opened.revisions,
        auditTrail: opened.auditTrail,
        mutes: opened.mutes,
      },
      signingKey: () => secretSigningKey(env.DTWATCH_WEB_KEY_SECRET),
      clock: systemClock,
      secureCookies: true,
      ...(env.DTWATCH_WEB_BASE_URL !== undefined && { baseUrl: env.DTWATCH_WEB_BASE_URL }),
      async sendSignInLink({ programme, email, link }) {
        await notifier.send(signInMessage(programme, email, link, systemClock.now()));
      },
    }),
  );
});

export async function handler(
  event: Parameters<ReturnType<typeof handle>>[0],
  context: Parameters<ReturnType<typeof handle>>[1],
) {
  return (await app())(event, context);
}
