// SQLite's write-ahead log is copied back into the database file (a checkpoint) by a worker thread
// with a connection of its own, not by the bot's connection. SQLite's automatic checkpoint runs inside
// whichever COMMIT crosses 1,000 pages of log, on the event loop, with the fsync it ends with: under
// load that COMMIT held every reply for hundreds of milliseconds (the benchmark's ack p99 at
// concurrency 64). A PASSIVE checkpoint waits for nobody and nobody waits for it, so here it runs
// every second beside the bot; the erasure's TRUNCATE checkpoint (src/db/client.ts checkpoint) is
// still the bot's own. The worker is plain JavaScript (eval), so it needs no TypeScript loader.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { log } from '../log';

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const pass = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ checkpointed: result.checkpointed, log: result.log });
  } catch (error) {
    parentPort.postMessage({ error: error && error.code ? error.code : 'unknown' });
  }
};
const timer = setInterval(pass, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'now') pass();
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface Checkpointer {
  /** Stop the worker (after the pass under way) and close its connection. */
  stop(): Promise<void>;
  /** How many passes have reported, and the last one's frames copied (for tests). */
  readonly passes: number;
  lastCheckpointed: number;
  /** Ask for a pass now; resolves with its report. */
  now(): Promise<{ checkpointed?: number; log?: number; error?: string }>;
}

/** `onFailure`: the worker stopped (it could not open the file): the caller turns SQLite's own checkpoint back on. */
export function startCheckpointer(file: string, onFailure: () => void, everyMs = 1_000): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs } });
  // The bot's process may end while the worker waits for its next pass.
  worker.unref();
  const waiting: ((report: { checkpointed?: number; log?: number; error?: string }) => void)[] = [];
  const state = {
    passes: 0,
    lastCheckpointed: 0,
    async stop() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Held again while it stops: an unref'd worker's exit would not keep the process up to hear it.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
    now() {
      return new Promise<{ checkpointed?: number; log?: number; error?: string }>((resolve) => {
        waiting.push(resolve);
        worker.postMessage('now');
      });
    },
  };
  worker.on('message', (report: { checkpointed?: number; log?: number; error?: string }) => {
    state.passes++;
    if (report.checkpointed !== undefined) state.lastCheckpointed = report.checkpointed;
    waiting.shift()?.(report);
  });
  // Said once, without the path (it may name an office).
  worker.on('error', (error) => {
    log.error('SQLite checkpoint worker stopped; SQLite checkpoints by itself again', { error: error.name });
    onFailure();
  });
  return state;
}
