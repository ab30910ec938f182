import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EMBEDDED_TABLE_NAME, tableCreation } from '../../../shared/adapters/dynamodb/table-definition.ts';
import { REPO_ROOT } from '../../support/paths.ts';

/**
 * dynalite records a new table as CREATING, answers, and flips it to ACTIVE on a timer. This child
 * opens the data folder as the embedded store does, creates dtwatch's table with that timer held
 * back, and SIGKILLs itself once the answer is in: the folder is left exactly as a cycle killed in
 * that window leaves it.
 */
const PROGRAM = `
const { createRequire } = require('node:module');
const requireHere = createRequire(process.argv[1] + '/package.json');
const { DynamoDBClient, CreateTableCommand } = requireHere('@aws-sdk/client-dynamodb');
const server = requireHere('dynalite')({ path: process.argv[2], createTableMs: 60000 });
server.listen(0, '127.0.0.1', async () => {
  const client = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:' + server.address().port,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(new CreateTableCommand(JSON.parse(process.argv[3])));
  process.kill(process.pid, 'SIGKILL');
});
`;

export async function killDuringTableCreation(dataDir: string): Promise<NodeJS.Signals | null> {
  const child = spawn(
    process.execPath,
    ['-e', PROGRAM, REPO_ROOT, join(dataDir, 'dynamo'), JSON.stringify(tableCreation(EMBEDDED_TABLE_NAME))],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('close', (_code, signal) => resolve(signal)),
  );
  if (signal !== 'SIGKILL') throw new Error(`the table-creation child did not die as planned:\n${stderr}`);
  return signal;
}
