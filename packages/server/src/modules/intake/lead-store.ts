import { UniqueConstraintViolationException, type EntityData, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { IdempotencyRecord } from '../ledger/ledger.entities.js';
import { CLAIM_COUNT_SQL, CLAIM_KEY_SQL, Ledger, type LedgerClaim } from '../ledger/ledger.js';
import { Lead } from '../leads/lead.entity.js';
import { Sale } from '../buyers/index.js';
import type { StageFailure } from './lead-placement.js';
import { Delivery } from '../delivery/delivery.entity.js';
import { isSqlite } from '../../shared/row-lock.js';
import { statCounters } from '../stats/index.js';

/** What one decision writes: the lead, the idempotency record when the request had a key, its sales and its deliveries. */
export interface LeadRows {
  lead: EntityData<Lead>;
  idempotency?: EntityData<IdempotencyRecord> | null;
  sales?: Array<EntityData<Sale>>;
  /** Outbox rows: the lead's deliveries, committed with it. */
  deliveries?: Array<EntityData<Delivery>>;
}

/** Rows known up front, or made inside the transaction once the claims are taken (routing needs it). */
export type LeadRowsSource = LeadRows | ((tx: EntityManager) => Promise<LeadRows>);

/** Work done inside an accepted lead's transaction around its rows. */
export interface WriteHooks {
  /** The lead's id when the rows are made inside the transaction (needed for the claims). */
  leadId?: string;
  /** Runs after the claims, before any row is written; a failure rolls everything back. */
  guard?: (tx: EntityManager) => Promise<StageFailure | null>;
  /** Runs after the rows are written. */
  attach?: (tx: EntityManager) => Promise<void>;
}

/**
 * Writes decided leads. `writeAccepted` takes the ledger claims and inserts the rows in one
 * transaction, all or nothing. A reused idempotency key surfaces as UniqueConstraintViolationException.
 */
export interface LeadStore {
  /** Returns the first claim that failed (then nothing is written), or null when all was stored. */
  writeAccepted(em: EntityManager, claims: readonly LedgerClaim[], rows: LeadRowsSource, nowMs: number): Promise<StageFailure | null>;
  /** Stores a lead that claims nothing (rejected or test). */
  write(em: EntityManager, rows: LeadRows): Promise<void>;
}

class ClaimFailed extends Error {
  constructor(readonly claim: StageFailure) {
    super('claim failed');
  }
}

/** The portable store: the ORM's transaction, the ledger's SQL and native inserts (PostgreSQL). */
export class OrmLeadStore implements LeadStore {
  private readonly ledger = new Ledger();

  async writeAccepted(em: EntityManager, claims: readonly LedgerClaim[], rows: LeadRowsSource, nowMs: number, hooks: WriteHooks = {}): Promise<StageFailure | null> {
    try {
      await em.transactional(async (tx) => {
        const failed = (await this.ledger.reserve(tx, claims, hooks.leadId ?? String((rows as LeadRows).lead.id), nowMs)) ?? (await hooks.guard?.(tx));
        if (failed) throw new ClaimFailed(failed);
        const written = typeof rows === 'function' ? await rows(tx) : rows;
        await this.insert(tx, written);
        await hooks.attach?.(tx);
        // Last, so the counter rows (the hottest) are locked for the shortest time.
        await statCounters.count(tx, written);
      });
      return null;
    } catch (error) {
      if (error instanceof ClaimFailed) return error.claim;
      throw error;
    }
  }

  async write(em: EntityManager, rows: LeadRows): Promise<void> {
    await em.transactional(async (tx) => {
      await this.insert(tx, rows);
      await statCounters.count(tx, rows);
    });
  }

  private async insert(tx: EntityManager, rows: LeadRows): Promise<void> {
    await tx.insert(Lead, rows.lead);
    if (rows.idempotency) await tx.insert(IdempotencyRecord, rows.idempotency);
    for (const sale of rows.sales ?? []) await tx.insert(Sale, sale);
    for (const delivery of rows.deliveries ?? []) await tx.insert(Delivery, delivery);
  }
}

/** The subset of a better-sqlite3 connection this store uses. */
interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  transaction<T>(fn: () => T): () => T;
}

interface Prepared {
  claimKey: ReturnType<SqliteConnection['prepare']>;
  claimCount: ReturnType<SqliteConnection['prepare']>;
  inserts: Map<string, ReturnType<SqliteConnection['prepare']>>;
}

/**
 * The embedded store: one synchronous better-sqlite3 transaction with prepared statements kept
 * per connection, taken through the ORM's pool so it never interleaves with another transaction
 * on the single SQLite connection. The same SQL as {@link Ledger}, minus the per-statement
 * query building and preparing that dominate the submit path's cost on SQLite.
 */
export class SqliteLeadStore implements LeadStore {
  private readonly prepared = new WeakMap<SqliteConnection, Prepared>();

  async writeAccepted(em: EntityManager, claims: readonly LedgerClaim[], source: LeadRowsSource, nowMs: number): Promise<StageFailure | null> {
    // Rows made inside the transaction need async work (routing): those go through the ORM store.
    if (typeof source === 'function') throw new Error('SqliteLeadStore takes ready rows; route leads through OrmLeadStore');
    const rows = source;
    return this.withConnection(em, (conn) => {
      const st = this.statements(conn);
      try {
        conn.transaction(() => {
          for (const claim of claims) {
            const won = claim.kind === 'unique'
              ? st.claimKey.get(claim.campaignId, claim.key, claim.valueHash, rows.lead.id, nowMs, claim.windowStartMs)
              : claim.limit > 0 && st.claimCount.get(claim.scope, claim.period, claim.limit);
            if (!won) throw new ClaimFailed(claim);
          }
          this.insertRows(em, conn, rows);
        })();
        return null;
      } catch (error) {
        if (error instanceof ClaimFailed) return error.claim;
        throw asUniqueViolation(error);
      }
    });
  }

  async write(em: EntityManager, rows: LeadRows): Promise<void> {
    await this.withConnection(em, (conn) => {
      try {
        conn.transaction(() => this.insertRows(em, conn, rows))();
      } catch (error) {
        throw asUniqueViolation(error);
      }
    });
  }

  private insertRows(em: EntityManager, conn: SqliteConnection, rows: LeadRows): void {
    this.insert(em, conn, Lead.name, rows.lead as Record<string, unknown>);
    if (rows.idempotency) this.insert(em, conn, IdempotencyRecord.name, rows.idempotency as Record<string, unknown>);
    for (const sale of rows.sales ?? []) this.insert(em, conn, Sale.name, sale as Record<string, unknown>);
    for (const delivery of rows.deliveries ?? []) this.insert(em, conn, Delivery.name, delivery as Record<string, unknown>);
    statCounters.countSync(conn, rows);
  }

  /** An INSERT built from the entity's metadata (column names) and stored the way the ORM stores values on SQLite. */
  private insert(em: EntityManager, conn: SqliteConnection, entity: string, data: Record<string, unknown>): void {
    const meta = em.getMetadata().get(entity);
    const columns: string[] = [];
    const values: unknown[] = [];
    for (const prop of meta.props) {
      if (!(prop.name in data) || prop.fieldNames?.length !== 1) continue;
      columns.push(prop.fieldNames[0]!);
      values.push(toSqlite(data[prop.name]));
    }
    const key = `${meta.tableName}:${columns.join(',')}`;
    const st = this.statements(conn);
    let insert = st.inserts.get(key);
    if (!insert) {
      insert = conn.prepare(`insert into "${meta.tableName}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      st.inserts.set(key, insert);
    }
    insert.run(...values);
  }

  private statements(conn: SqliteConnection): Prepared {
    let st = this.prepared.get(conn);
    if (!st) {
      st = {
        claimKey: conn.prepare(CLAIM_KEY_SQL),
        claimCount: conn.prepare(CLAIM_COUNT_SQL),
        inserts: new Map(),
      };
      this.prepared.set(conn, st);
    }
    return st;
  }

  private async withConnection<T>(em: EntityManager, fn: (conn: SqliteConnection) => T): Promise<T> {
    const client = (em as SqlEntityManager).getKnex().client as {
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
}

/** Values as MikroORM stores them on SQLite: dates as epoch ms, booleans as 0/1, JSON as text. */
function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value ?? null;
}

function asUniqueViolation(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? new UniqueConstraintViolationException(error as Error) : error;
}

/** The store for the ORM's driver: the embedded fast path on SQLite, the portable one elsewhere. */
export function leadStoreFor(em: EntityManager): LeadStore {
  return isSqlite(em) ? new SqliteLeadStore() : new OrmLeadStore();
}
