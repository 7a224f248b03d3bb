import { Worker } from 'node:worker_threads';
import type { CsvPage } from './lead-csv.js';
import type { ReadReply } from './sqlite-reader.worker.js';
import type { StatsDb } from './stats-db.js';

/** Options for {@link SqliteReadPool}. */
export interface SqliteReadPoolOptions {
  /** Worker threads at most, default `2`: a long read (an export page, a cold series) leaves another free. */
  size?: number;
  /** A read taking longer ends its worker and fails, default `60_000` ms. */
  timeoutMs?: number;
}

// From source (tests, `pnpm dev`) the worker is TypeScript: it registers tsx's loader first.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(fromSource ? './sqlite-reader.worker.ts' : './sqlite-reader.worker.js', import.meta.url);

function startWorker(file: string): Worker {
  if (!fromSource) return new Worker(WORKER_URL, { workerData: { file } });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true, workerData: { file } });
}

interface Pending {
  resolve: (result: unknown[] | CsvPage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One worker thread and the reads waiting on it. */
class ReaderThread {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  private nextId = 0;
  dead = false;

  constructor(
    file: string,
    private readonly timeoutMs: number,
    private readonly onDeath: (thread: ReaderThread) => void,
  ) {
    this.worker = startWorker(file);
    // Idle readers never hold the process open; a read in progress belongs to a request that does.
    this.worker.unref();
    this.worker.on('message', (reply: ReadReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if ('error' in reply) waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else waiting.resolve('page' in reply ? reply.page : reply.rows);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite reader thread exited with code ${code}`)));
  }

  run(sql: string, params: readonly unknown[], csv?: { masked: boolean }): Promise<unknown[] | CsvPage> {
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      const timer = setTimeout(() => {
        this.fail(new Error(`a stats read took longer than ${this.timeoutMs} ms`));
        void this.worker.terminate();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, sql, params, csv });
    });
  }

  private fail(error: Error): void {
    if (!this.dead) {
      this.dead = true;
      this.onDeath(this);
    }
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.pending.delete(id);
    }
  }
}

/**
 * Read-only connections to an SQLite file in worker threads: every stats and export query runs
 * there, so however much it scans, the event loop (and with it every door and /healthz) never
 * waits for it. Reads go to the least busy thread; threads start on first use.
 */
export class SqliteReadPool implements StatsDb {
  readonly dialect = 'sqlite' as const;
  private threads: ReaderThread[] = [];
  private readonly size: number;
  private readonly timeoutMs: number;
  private closed = false;

  constructor(
    private readonly file: string,
    options: SqliteReadPoolOptions = {},
  ) {
    this.size = options.size ?? 2;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.thread().run(sql, params)) as T[];
  }

  /** Export rows as CSV lines, formatted in the worker: the event loop only passes the text on. */
  async csvPage(sql: string, params: readonly unknown[], masked: boolean): Promise<CsvPage> {
    return (await this.thread().run(sql, params, { masked })) as CsvPage;
  }

  /** The least busy thread, or a new one while some are busy and the pool has room. */
  private thread(): ReaderThread {
    if (this.closed) throw new Error('the SQLite read pool is closed');
    let thread = this.threads.reduce<ReaderThread | undefined>(
      (best, t) => (!best || t.pending.size < best.pending.size ? t : best),
      undefined,
    );
    if (!thread || (thread.pending.size > 0 && this.threads.length < this.size)) {
      thread = new ReaderThread(this.file, this.timeoutMs, (dead) => {
        this.threads = this.threads.filter((t) => t !== dead);
      });
      this.threads.push(thread);
    }
    return thread;
  }

  /** Ends every thread (reads in progress fail). */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads;
    this.threads = [];
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}
