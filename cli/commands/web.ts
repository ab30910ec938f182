import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { EmbeddedStoreBusyError } from '../../shared/adapters/dynamodb/embedded-dynalite.ts';
import { openStore } from '../../shared/adapters/open-store.ts';
import { createOutboxNotifier } from '../../shared/adapters/outbox-notifier.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { InvalidInputError, UsageError } from '../../shared/errors.ts';
import { maskEmail } from '../../shared/pii-mask.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import { createWebApp } from '../../shared/web/app.ts';
import { signInMessage } from '../../shared/web/sign-in-message.ts';
import { configuredSigningKey } from '../../shared/web/signing-key.ts';
import { viewerOf } from '../../shared/web/viewer.ts';
import { LOCAL_BASE_URL, signInLink } from '../../shared/web/web-links.ts';
import { optionalString, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadCatalogFile } from '../files.ts';

/** The sample programmes `dtwatch serve` shows when no --catalog is given. */
export const SAMPLE_CATALOGS = ['catalog/ha-tinh-nq05.json', 'catalog/nghe-an.json'] as const;
export const DEFAULT_PORT = 8787;

const DATA_DIR_HELP = `  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table`;

const SERVE_HELP = `Usage: dtwatch serve [--port N] [--data-dir D] [--catalog F ...]

Serves the web app on http://127.0.0.1:<port> over the embedded store (or DTWATCH_TABLE) and
prints its base URL. Sign-in links asked for on the sign-in page go to the outbox
(<data dir>/outbox/); \`dtwatch web link\` prints one directly. Stop it with Ctrl-C.

Options:
  --port <n>           port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --catalog <file>     a programme to serve (repeatable; default: the sample catalogs)
${DATA_DIR_HELP}

Exit codes: 0 stopped, 1 invalid catalog, 2 usage error, 3 failure (e.g. the port is taken).`;

const LINK_HELP = `Usage: dtwatch web link --catalog <file> --email <address> [--base URL] [--data-dir D]

Prints a single-use sign-in link (valid ${15} minutes) for a person of the programme's directory,
and nothing else, on stdout. The link is signed with the local key (<data dir>/web-signing.key)
or, when DTWATCH_WEB_KEY_SECRET names a Secrets Manager secret, with the deployment's key.

Options:
  --catalog <file>     programme catalog (JSON)
  --email <address>    the person's address in the directory (or the catalog's contacts)
  --base <url>         the web app's address (default DTWATCH_WEB_BASE_URL, else ${LOCAL_BASE_URL})
${DATA_DIR_HELP}

Exit codes: 0 ok, 1 the address holds no seat in the programme or invalid catalog, 2 usage error.`;

export const serveCommand: Command = {
  name: 'serve',
  help: SERVE_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      port: { type: 'string' },
      catalog: { type: 'string', multiple: true },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(SERVE_HELP);
      return 0;
    }
    const port = Number(optionalString(parsed, 'port') ?? DEFAULT_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be 0…65535');
    const files = (parsed.values.catalog as string[] | undefined) ?? [...SAMPLE_CATALOGS];
    const programmes = await Promise.all(
      files.map(async (file) => buildProgramme(await loadCatalogFile(file))),
    );
    const dataDir = resolve(optionalString(parsed, 'data-dir') ?? process.env.DTWATCH_DATA_DIR ?? '.dtwatch');
    const key = await configuredSigningKey(dataDir);
    const opened = await openStore({ dataDir });
    const outbox = createOutboxNotifier({ dataDir });
    let base = LOCAL_BASE_URL;
    const app = createWebApp({
      programmes,
      ports: {
        store: opened.store,
        directory: opened.directory,
        signInTokens: opened.signInTokens,
        revisions: opened.revisions,
        auditTrail: opened.auditTrail,
        mutes: opened.mutes,
        finalRecords: opened.finalRecords,
      },
      signingKey: async () => key,
      clock: systemClock,
      // Plain http on loopback: a Secure cookie would never come back.
      secureCookies: false,
      get baseUrl() {
        return base;
      },
      async sendSignInLink({ programme, email, link }) {
        await outbox.send(signInMessage(programme, email, link, new Date()));
        writeErr(`sign-in link for ${maskEmail(email)} written to ${outbox.directory}`);
      },
    });
    const server = await new Promise<ReturnType<typeof serve>>((done, fail) => {
      const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => done(started));
      started.once('error', fail);
    }).catch(async (error: unknown) => {
      await opened.close();
      throw error;
    });
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    base = `http://127.0.0.1:${actualPort}`;
    writeOut(base);
    writeErr(`serving ${programmes.map((p) => p.id).join(', ')} from ${opened.description}; Ctrl-C stops`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close(() => done());
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await opened.close();
    return 0;
  },
};

export const webLinkCommand: Command = {
  name: 'web link',
  help: LINK_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      email: { type: 'string' },
      base: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(LINK_HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const email = requireString(parsed, 'email');
    const base = optionalString(parsed, 'base') ?? process.env.DTWATCH_WEB_BASE_URL ?? LOCAL_BASE_URL;
    if (!/^https?:\/\/[^\s/]+/.test(base))
      throw new UsageError(`--base must be an http(s) address (got "${base}")`);
    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    const dataDir = resolve(optionalString(parsed, 'data-dir') ?? process.env.DTWATCH_DATA_DIR ?? '.dtwatch');
    await requireSeat(programme, email, dataDir, catalogFile);
    const link = signInLink(
      { key: await configuredSigningKey(dataDir), base, now: new Date() },
      programme.id,
      email,
    );
    writeOut(link);
    return 0;
  },
};

async function requireSeat(programme: Programme, email: string, dataDir: string, catalogFile: string) {
  let opened: Awaited<ReturnType<typeof openStore>>;
  try {
    opened = await openStore({ dataDir });
  } catch (error) {
    if (!(error instanceof EmbeddedStoreBusyError)) throw error;
    // `dtwatch serve` holds the embedded store; it checks the seat itself when the link is used.
    writeErr('note: the store is in use (dtwatch serve?): the seat is checked when the link is used');
    return;
  }
  try {
    const tenures = await opened.directory.listTenures(programme.id);
    const today = dateInZone(new Date(), programme.timezone);
    if (!viewerOf(programme, tenures, email, today)) {
      throw new InvalidInputError([
        {
          file: catalogFile,
          location: '--email',
          message: `${maskEmail(email)} holds no seat in ${programme.id} today (directory or catalog contacts)`,
        },
      ]);
    }
  } finally {
    await opened.close();
  }
}
