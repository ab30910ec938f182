import {
  configuredClient,
  ensureTable,
  openStore,
  readStoreConfig,
} from '../../shared/adapters/open-store.ts';
import { optionalString, parseCommand } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';

const HELP = `Usage: dtwatch store init [--data-dir <dir>]

Creates dtwatch's DynamoDB table (key schema, index and TTL from the project's one table
definition) unless it exists, and waits until it is ready. Production tables come from the CDK
app; this command is for emulators, tests and local use.

Where:
  DTWATCH_TABLE set     that table, at the endpoint of the standard AWS SDK configuration
                        (AWS_REGION, AWS_ENDPOINT_URL for an emulator such as moto, credentials chain)
  DTWATCH_TABLE unset   the embedded store (dynalite) under the data folder

Options:
  --data-dir <dir>      embedded store folder (default DTWATCH_DATA_DIR, else .dtwatch/)

Exit codes: 0 ready (created or already there), 2 usage or configuration error, 3 failure.`;

export const storeInitCommand: Command = {
  name: 'store init',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, { 'data-dir': { type: 'string' } });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const dataDir = optionalString(parsed, 'data-dir');
    const config = readStoreConfig();
    if (config.table) {
      if (dataDir !== undefined) writeErr('note: --data-dir is ignored because DTWATCH_TABLE is set');
      const { client, location } = await configuredClient();
      try {
        const readiness = await ensureTable(client, config.table);
        writeOut(
          `${readiness.created ? 'created' : 'already exists:'} DynamoDB table ${config.table} (${location}); TTL ${readiness.ttl}`,
        );
      } finally {
        client.destroy();
      }
      return 0;
    }
    const opened = await openStore({ dataDir });
    try {
      writeOut(
        `${opened.tableCreated ? 'created' : 'already exists:'} table ${opened.tableName} in the ${opened.description}`,
      );
    } finally {
      await opened.close();
    }
    return 0;
  },
};
