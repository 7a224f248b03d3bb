import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { randomToken } from '../../shared/ids.js';
import { isSqlite } from '../../shared/row-lock.js';
import { columnsOf } from '../../store/index.js';
import { Lead } from '../leads/index.js';
import { statCounters } from '../stats/index.js';

/** One row ready to write. */
export interface PreparedLead {
  line: number;
  row: Record<string, unknown>;
  receivedAtMs: number;
  dedupe: Array<{ campaignId: string; kind: string; hash: string }>;
  caps: string[];
}

/** The trace every imported lead stores: it was decided by the system it comes from. */
export const TRACE = [{ stage: 'import', outcome: 'PASS' }];
const TRACE_JSON = JSON.stringify(TRACE);
const LEAD_COLUMNS_CACHE = new WeakMap<object, Array<{ prop: string; column: string }>>();

/** Values as MikroORM stores them on SQLite: dates as epoch ms, booleans as 0/1, JSON as text. */
function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return value === TRACE ? TRACE_JSON : JSON.stringify(value);
  return value ?? null;
}

/** Caps counters of a batch, summed: `scope\0period` -> leads. */
function capCounts(rows: readonly PreparedLead[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const key of r.caps) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** The newest lead per duplicate key of a batch. */
function newestKeys(
  rows: readonly PreparedLead[],
): Array<{ campaignId: string; kind: string; hash: string; leadId: string; receivedAtMs: number }> {
  const newest = new Map<string, { campaignId: string; kind: string; hash: string; leadId: string; receivedAtMs: number }>();
  for (const r of rows) {
    for (const d of r.dedupe) {
      const k = `${d.campaignId}\u0000${d.kind}\u0000${d.hash}`;
      const seen = newest.get(k);
      if (!seen || seen.receivedAtMs < r.receivedAtMs) newest.set(k, { ...d, leadId: r.row.id as string, receivedAtMs: r.receivedAtMs });
    }
  }
  return [...newest.values()];
}

/** Keeps the newest lead of a key: an older imported lead never replaces a newer (live) one. */
const UPSERT_KEY = `on conflict (campaign_id, kind, value_hash) do update set lead_id = excluded.lead_id, received_at = excluded.received_at
  where ledger_dedupe_keys.received_at < excluded.received_at`;
const CAP_SQL = `insert into ledger_cap_counters (scope, period, count) values (?, ?, ?)
  on conflict (scope, period) do update set count = ledger_cap_counters.count + excluded.count`;

/** The leads table's columns by property, as the lead store writes them. */
function leadColumns(em: EntityManager): Array<{ prop: string; column: string }> {
  const meta = em.getMetadata().get(Lead.name);
  let columns = LEAD_COLUMNS_CACHE.get(meta);
  if (!columns) {
    columns = columnsOf(meta).map((c) => ({ prop: c.property, column: c.name }));
    LEAD_COLUMNS_CACHE.set(meta, columns);
  }
  return columns;
}

export interface Writer {
  /** Writes a batch in one transaction; returns how many leads were new. */
  write(rows: readonly PreparedLead[]): Promise<number>;
  /** Completes what the batches left to do (the ledger's keys on SQLite). */
  finish(): Promise<void>;
  /** Drops what a failed import left waiting. */
  discard(): Promise<void>;
}

/** The subset of a better-sqlite3 connection the writer uses. */
interface SqliteConnection {
  prepare(sql: string): {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  transaction<T>(fn: () => T): () => T;
  exec(sql: string): unknown;
}

/** Rows per multi-row insert (27 values each, well under SQLite's 32766 parameters). */
const ROWS_PER_INSERT = 100;

/** Keys merged into the ledger per transaction. */
const MERGE_CHUNK = 5000;

/**
 * SQLite: one synchronous better-sqlite3 transaction per batch with prepared statements (the
 * embedded store's way): the leads, their cap counters and the dashboards' counters. The batch's
 * duplicate keys wait in a table of the connection's own temp database (no journal, nothing for a
 * reader to see); {@link finish} then moves them into the ledger in key order, in short
 * transactions: written one by one in hash order, each key would cost a page write, and the
 * import a hundred times longer. Every row's keys wait, stored now or already there: an import
 * stopped before its merge leaves its leads without keys, and running it again merges them (a key
 * never replaces a newer one).
 */
class SqliteWriter implements Writer {
  private readonly columns: Array<{ prop: string; column: string }>;
  private readonly statements = new WeakMap<SqliteConnection, Map<string, ReturnType<SqliteConnection['prepare']>>>();
  /** The temp table of waiting keys: its own name, as imports through the gateway share one connection. */
  private readonly pending = `import_keys_${randomToken(12)}`;
  constructor(private readonly em: EntityManager) {
    this.columns = leadColumns(em);
  }

  private async withConnection<T>(fn: (conn: SqliteConnection) => T): Promise<T> {
    const client = (this.em as SqlEntityManager).getKnex().client as {
      acquireConnection(): Promise<SqliteConnection>;
      releaseConnection(conn: SqliteConnection): Promise<unknown>;
    };
    const conn = await client.acquireConnection();
    try {
      return fn(conn);
    } finally {
      await client.releaseConnection(conn);
    }
  }

  async write(rows: readonly PreparedLead[]): Promise<number> {
    const columns = this.columns;
    const count = columns.length;
    return this.withConnection((conn) => {
      const cap = conn.prepare(CAP_SQL);
      return conn.transaction(() => {
        const fresh: PreparedLead[] = [];
        // Many rows per statement: one statement per row costs three times as much.
        for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
          const chunk = rows.slice(from, from + ROWS_PER_INSERT);
          const params = new Array<unknown>(chunk.length * count);
          let at = 0;
          for (const r of chunk) for (let i = 0; i < count; i++) params[at++] = toSqlite(r.row[columns[i]!.prop]);
          const inserted = new Set((this.statement(conn, 'leads', chunk.length).all(...params) as Array<{ id: string }>).map((x) => x.id));
          const added = chunk.filter((r) => inserted.has(r.row.id as string));
          fresh.push(...added);
          const keys = chunk.flatMap((r) => r.dedupe.map((d) => [d.campaignId, d.kind, d.hash, r.row.id, r.receivedAtMs]));
          for (let k = 0; k < keys.length; k += ROWS_PER_INSERT) {
            const part = keys.slice(k, k + ROWS_PER_INSERT);
            this.statement(conn, 'keys', part.length).run(...part.flat());
          }
          if (added.length)
            statCounters.countManySync(
              conn as never,
              added.map((r) => ({ lead: r.row })),
            );
        }
        for (const [key, n] of capCounts(fresh)) {
          const at = key.indexOf('\u0000');
          cap.run(key.slice(0, at), key.slice(at + 1), n);
        }
        return fresh.length;
      })();
    });
  }

  /** The multi-row statement for `rows` rows of leads (returning the ids it stored) or of waiting keys. */
  private statement(conn: SqliteConnection, kind: 'leads' | 'keys', rows: number) {
    let cache = this.statements.get(conn);
    if (!cache) {
      cache = new Map();
      this.statements.set(conn, cache);
      conn.exec(
        `create temp table if not exists ${this.pending} (campaign_id text, kind text, value_hash text, lead_id text, received_at integer)`,
      );
    }
    const name = `${kind}:${rows}`;
    let st = cache.get(name);
    if (!st) {
      const columns = this.columns;
      st =
        kind === 'leads'
          ? conn.prepare(
              `insert or ignore into leads (${columns.map((c) => `"${c.column}"`).join(', ')}) values ${Array(rows)
                .fill(`(${columns.map(() => '?').join(', ')})`)
                .join(', ')} returning id`,
            )
          : conn.prepare(
              `insert into temp.${this.pending} (campaign_id, kind, value_hash, lead_id, received_at) values ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`,
            );
      cache.set(name, st);
    }
    return st;
  }

  async finish(): Promise<void> {
    const pending = this.pending;
    const sorted = `${pending}_sorted`;
    const total = await this.withConnection((conn) => {
      if (!this.statements.get(conn)) return 0;
      // A sort on the temp database: nothing the gateway's writers wait for.
      conn.exec(`create temp table ${sorted} as select campaign_id, kind, value_hash, lead_id, received_at from temp.${pending}
        order by campaign_id, kind, value_hash, received_at`);
      conn.exec(`drop table temp.${pending}`);
      return (conn.prepare(`select max(rowid) as n from temp.${sorted}`).get() as { n: number | null }).n ?? 0;
    });
    for (let from = 0; from < total; from += MERGE_CHUNK) {
      await this.withConnection((conn) =>
        conn
          .prepare(`insert into ledger_dedupe_keys (campaign_id, kind, value_hash, lead_id, received_at)
        select campaign_id, kind, value_hash, lead_id, received_at from temp.${sorted} where rowid > ? and rowid <= ? order by rowid ${UPSERT_KEY}`)
          .run(from, from + MERGE_CHUNK),
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.withConnection((conn) => conn.exec(`drop table if exists temp.${sorted}`));
  }

  async discard(): Promise<void> {
    await this.withConnection((conn) =>
      conn.exec(`drop table if exists temp.${this.pending}; drop table if exists temp.${this.pending}_sorted`),
    );
  }
}

/** PostgreSQL (and any other engine): multi-row statements in the ORM's transaction, the ledger written directly. */
class PortableWriter implements Writer {
  private readonly columns: Array<{ prop: string; column: string }>;
  constructor(private readonly em: EntityManager) {
    this.columns = leadColumns(em);
  }

  async write(rows: readonly PreparedLead[]): Promise<number> {
    return this.em.transactional(async (tx) => {
      const sql = tx as SqlEntityManager;
      const values = rows.map(() => `(${this.columns.map(() => '?').join(', ')})`).join(', ');
      const params = rows.flatMap((r) =>
        this.columns.map((c) => {
          const v = r.row[c.prop];
          return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : (v ?? null);
        }),
      );
      const inserted = await sql.execute<Array<{ id: string }>>(
        `insert into leads (${this.columns.map((c) => `"${c.column}"`).join(', ')}) values ${values} on conflict (id) do nothing returning id`,
        params,
      );
      const ids = new Set(inserted.map((r) => r.id));
      const fresh = rows.filter((r) => ids.has(r.row.id as string));
      if (fresh.length)
        await statCounters.countMany(
          tx,
          fresh.map((r) => ({ lead: r.row })),
        );
      const keys = newestKeys(fresh);
      if (keys.length) {
        await sql.execute(
          `insert into ledger_dedupe_keys (campaign_id, kind, value_hash, lead_id, received_at) values ${keys.map(() => '(?, ?, ?, ?, ?)').join(', ')} ${UPSERT_KEY}`,
          keys.flatMap((k) => [k.campaignId, k.kind, k.hash, k.leadId, k.receivedAtMs]),
        );
      }
      const caps = [...capCounts(fresh)];
      if (caps.length) {
        await sql.execute(
          `insert into ledger_cap_counters (scope, period, count) values ${caps.map(() => '(?, ?, ?)').join(', ')}
           on conflict (scope, period) do update set count = ledger_cap_counters.count + excluded.count`,
          caps.flatMap(([key, n]) => [...key.split('\u0000'), n]),
        );
      }
      return fresh.length;
    });
  }

  async finish(): Promise<void> {}

  async discard(): Promise<void> {}
}

/** The writer for `em`'s engine. */
export const writerFor = (em: EntityManager): Writer => (isSqlite(em) ? new SqliteWriter(em) : new PortableWriter(em));
