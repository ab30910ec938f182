import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Another process (or another store in this one) already holds the embedded data folder. */
export class EmbeddedStoreBusyError extends Error {
  override readonly name = 'EmbeddedStoreBusyError';
}

export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * The worker's program (CommonJS, run with `eval`, so it needs no build step). LevelDB allows one
 * opener per folder and dynalite would only find out on its first request, crashing; so the lock
 * is probed first and reported as a message, and the probe finishes a table creation that a
 * killed process left half done.
 */
const WORKER_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const dynaliteRequire = createRequire(workerData.dynalite);
(async () => {
  const { Level } = dynaliteRequire('level');
  const probe = new Level(workerData.path, { valueEncoding: 'json' });
  try {
    await probe.open();
  } catch (error) {
    parentPort.postMessage({ failed: { code: error.cause?.code ?? error.code, message: error.message } });
    return;
  }
  try {
    // dynalite stores a new table as CREATING, answers, then flips it to ACTIVE on a timer (0 ms
    // here). A process killed in between leaves it CREATING for good, and every later open would
    // wait for it in vain; nothing else can be creating it now (the folder is locked), so finish.
    const stuck = (status) => status === 'CREATING' || status === 'UPDATING';
    for await (const [key, table] of probe.iterator({ gte: 'table~', lt: 'table~\uffff' })) {
      const indexes = table.GlobalSecondaryIndexes ?? [];
      if (!stuck(table.TableStatus) && !indexes.some((index) => stuck(index.IndexStatus))) continue;
      table.TableStatus = 'ACTIVE';
      for (const index of indexes) index.IndexStatus = 'ACTIVE';
      await probe.put(key, table);
    }
  } finally {
    await probe.close();
  }
  // dynalite opens LevelDB with its defaults (4 MB write buffer, 8 MB cache): every put first
  // reads the existing item, and with millions of items those misses walk many small files.
  // Larger buffers halve the time of a national-scale load. Only this worker's copy is changed.
  const levelModule = dynaliteRequire('level');
  const DefaultLevel = levelModule.Level;
  levelModule.Level = class extends DefaultLevel {
    constructor(location, options) {
      super(location, { ...options, writeBufferSize: 64 * 1024 * 1024, cacheSize: 64 * 1024 * 1024 });
    }
  };
  const server = dynaliteRequire(workerData.dynalite)({
    path: workerData.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0,
  });
  server.once('error', (error) => parentPort.postMessage({ failed: { code: error.code, message: error.message } }));
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', (message) => {
    if (message !== 'close') return;
    server.closeIdleConnections?.();
    server.close((error) => {
      parentPort.postMessage({ closed: true, error: error ? error.message : undefined });
      parentPort.close();
    });
    server.closeIdleConnections?.();
  });
})();
`;

type WorkerReport =
  | { port: number }
  | { failed: { code?: string; message: string } }
  | { closed: true; error?: string };

/**
 * Starts dynalite in a worker thread of this process, on a random loopback port, persisted under
 * `<dataDir>/dynamo`; tables become ACTIVE at once. The worker keeps LevelDB and dynalite's work
 * off the caller's event loop (the SDK's and dynalite's CPU time overlap on two cores).
 */
export async function startEmbeddedDynamo(dataDir: string): Promise<EmbeddedDynamo> {
  const path = join(dataDir, 'dynamo');
  await mkdir(path, { recursive: true });
  const worker = new Worker(WORKER_PROGRAM, {
    eval: true,
    workerData: { path, dynalite: createRequire(import.meta.url).resolve('dynalite') },
  });
  // A forgotten close() must not keep a CLI process alive; LevelDB's log is written as it goes.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const report = await new Promise<WorkerReport>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (!('port' in report)) {
    await worker.terminate();
    const failure = 'failed' in report ? report.failed : { message: 'embedded store stopped unexpectedly' };
    if (failure.code === 'LEVEL_LOCKED') {
      throw new EmbeddedStoreBusyError(
        `the embedded store in ${path} is in use by another dtwatch process; wait for it or use another --data-dir`,
      );
    }
    throw new Error(`embedded store in ${path} could not start: ${failure.message}`);
  }
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${report.port}`,
    close() {
      closed ??= (async () => {
        // Hold the event loop open until the worker has flushed and exited: otherwise a CLI whose
        // last work is this close() ends before it returns, output unwritten.
        worker.ref();
        const done = new Promise<WorkerReport>((resolve) => worker.once('message', resolve));
        worker.postMessage('close');
        const outcome = await Promise.race([done, exited.then(() => undefined)]);
        await exited;
        if (outcome && 'closed' in outcome && outcome.error) {
          throw new Error(`embedded store did not close cleanly: ${outcome.error}`);
        }
      })();
      return closed;
    },
  };
}
