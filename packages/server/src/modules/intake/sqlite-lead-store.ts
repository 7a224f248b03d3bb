import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import Database, { type Database as Connection } from 'better-sqlite3';
import { runSync, type Step } from '../../shared/sql-step.js';
import { type RowWriter, rowWriterFor, SqliteCheckpointer, SqliteExec, SqliteWriteGate } from '../../store/index.js';
import type { LeadStore, RunOptions } from './lead-store.js';

/** Options of {@link SqliteLeadStore}. */
export interface SqliteLeadStoreOptions {
  /** Most leads in one transaction, default `500`. */
  maxBatch?: number;
  /** How long a group waits for another process's write lock (a CLI import) before failing, default `10000` ms. */
  busyDeadlineMs?: number;
  /** Pause between two checkpoints of the write-ahead log by the checkpoint thread, default `100` ms. */
  checkpointIntervalMs?: number;
}

/** SQLite's own threshold for a checkpoint at commit, in pages: back in force if the checkpoint thread fails. */
const AUTO_CHECKPOINT_PAGES = 1000;

interface Job {
  program: () => Step<unknown>;
  peek: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** SQLite's answer when another connection holds the write lock. */
const isBusy = (error: unknown) => (error as { code?: string }).code?.startsWith('SQLITE_BUSY') ?? false;

/**
 * The embedded store with group commit. Leads that arrive while a group is being written go into
 * the next one: one `BEGIN IMMEDIATE … COMMIT` holds many leads, each under its own savepoint, so
 * a lead that fails rolls back alone. Every step answers synchronously on the store's own
 * better-sqlite3 connection, so a group never yields to the event loop half-written, and each
 * lead's promise settles only after the group committed.
 *
 * The ORM keeps its own connection to the file for everything else; the {@link SqliteWriteGate}
 * keeps its transactions and the store's commits apart.
 */
export class SqliteLeadStore implements LeadStore {
  readonly engine = 'sqlite';
  private readonly db: Connection;
  private readonly checkpointer: SqliteCheckpointer;
  private readonly exec: SqliteExec['exec'];
  private readonly maxBatch: number;
  private readonly busyDeadlineMs: number;
  /** Groups committed and the runs they held, since start (for metrics: runs / commits is the mean group size). */
  readonly committed = { groups: 0, runs: 0 };
  private queue: Job[] = [];
  private flushing?: Promise<void>;
  private closed = false;

  constructor(
    file: string,
    rows: RowWriter,
    private readonly gate: SqliteWriteGate,
    options: SqliteLeadStoreOptions = {},
  ) {
    this.db = new Database(file);
    // The log is copied into the database by a thread of its own, not in this connection's
    // commits. No journal_size_limit: cutting a log an import had grown to hundreds of MB back
    // to size, inside the commit that restarts it, held a running gateway's leads for 300 ms.
    const pragmas = ['journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON', 'busy_timeout = 0', 'wal_autocheckpoint = 0'];
    for (const pragma of pragmas) this.db.pragma(pragma);
    this.checkpointer = new SqliteCheckpointer(file, {
      intervalMs: options.checkpointIntervalMs,
      onFailure: () => {
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
      },
    });
    this.exec = new SqliteExec(this.db, rows).exec;
    this.maxBatch = options.maxBatch ?? 500;
    this.busyDeadlineMs = options.busyDeadlineMs ?? 10_000;
  }

  /** A store on the ORM's SQLite file, its write gate subscribed to the ORM's transactions. */
  static forOrm(em: EntityManager): SqliteLeadStore {
    const gate = new SqliteWriteGate();
    em.getEventManager().registerSubscriber(gate);
    return new SqliteLeadStore(em.config.get('dbName')!, rowWriterFor(em), gate);
  }

  run<T>(program: () => Step<T>, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The lead store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ program, peek: options.peek ?? false, resolve: resolve as (value: unknown) => void, reject });
      // Everything that arrives before the next turn of the event loop joins this group.
      this.flushing ??= new Promise<void>((done) => setImmediate(() => this.flush().finally(done)));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.checkpointer.stop();
    this.db.close();
  }

  private async flush(): Promise<void> {
    try {
      let busySince: number | null = null;
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, this.maxBatch);
        await this.gate.forCommit();
        let results: Settled[];
        try {
          results = this.commit(group);
        } catch (error) {
          if (isBusy(error) && Date.now() - (busySince ??= Date.now()) < this.busyDeadlineMs) {
            // Another process writes (an import): try again shortly, without holding the event loop.
            this.queue.unshift(...group);
            await new Promise((resolve) => setTimeout(resolve, 5));
            continue;
          }
          results = group.map(() => ({ ok: false, error }));
        } finally {
          this.gate.committed();
        }
        busySince = null;
        group.forEach((job, i) => {
          const result = results[i]!;
          if (result.ok) job.resolve(result.value);
          else job.reject(result.error);
        });
      }
    } finally {
      this.flushing = undefined;
      if (this.queue.length > 0) this.flushing = new Promise<void>((done) => setImmediate(() => this.flush().finally(done)));
    }
  }

  /** One transaction for the group, a savepoint per lead; throws (nothing committed) when the group could not be. */
  private commit(group: Job[]): Settled[] {
    this.exec({ kind: 'run', sql: 'begin immediate', params: [] });
    try {
      const results = group.map((job): Settled => {
        this.exec({ kind: 'savepoint', name: 'lead' });
        try {
          const value = runSync(job.program(), this.exec);
          if (job.peek) this.exec({ kind: 'rollbackTo', name: 'lead' });
          this.exec({ kind: 'release', name: 'lead' });
          return { ok: true, value };
        } catch (error) {
          this.exec({ kind: 'rollbackTo', name: 'lead' });
          this.exec({ kind: 'release', name: 'lead' });
          return { ok: false, error: asUniqueViolation(error) };
        }
      });
      this.exec({ kind: 'run', sql: 'commit', params: [] });
      this.committed.groups++;
      this.committed.runs += group.length;
      return results;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('rollback');
      throw error;
    }
  }
}

/** SQLite's unique violations as the ORM reports them, so callers handle both engines alike. */
function asUniqueViolation(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    ? new UniqueConstraintViolationException(error as Error)
    : error;
}
