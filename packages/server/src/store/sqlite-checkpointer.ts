import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Options of {@link SqliteCheckpointer}. */
export interface SqliteCheckpointerOptions {
  /** Pause between two checkpoints, default `100` ms. */
  intervalMs?: number;
  /** Called once if the thread fails (the writer should then checkpoint itself again). */
  onFailure?: (error: Error) => void;
}

// The thread's whole program. CommonJS, as an evaluated worker is, so it needs no loader when the
// gateway runs from source and no file of its own in the build. PASSIVE never waits for a lock:
// it copies what the readers allow and leaves the rest to the next turn.
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
let timer;
const tick = () => {
  db.pragma('wal_checkpoint(PASSIVE)');
  timer = setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
tick();
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Copies a WAL-mode SQLite file's write-ahead log into the database from a thread of its own.
 * SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on the
 * writer's thread: with the gateway's writer on the event loop, that was half the cost of a
 * group commit and the longest pauses every door saw. The writer turns its own off
 * (`wal_autocheckpoint = 0`) while this runs.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(file: string, options: SqliteCheckpointerOptions = {}) {
    this.worker = new Worker(PROGRAM, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs ?? 100 } });
    this.worker.unref();
    let failed = false;
    const fail = (error: Error) => {
      if (this.stopped || failed) return;
      failed = true;
      options.onFailure?.(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the SQLite checkpoint thread exited with code ${code}`)));
  }

  /** Stops the thread after its current checkpoint and closes its connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    await exited;
  }
}
