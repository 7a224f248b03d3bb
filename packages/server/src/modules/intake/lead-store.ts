import type { EntityManager } from '@mikro-orm/core';
import { isSqlite } from '../../shared/row-lock.js';
import type { Step } from '../../shared/sql-step.js';
import type { Engine } from '../../store/index.js';
import { PostgresLeadStore } from './postgres-lead-store.js';
import { SqliteLeadStore } from './sqlite-lead-store.js';

/** Options of one {@link LeadStore.run}. */
export interface RunOptions {
  /** Run the work, then roll it back (explainLead): nothing it wrote stays. Default `false`. */
  peek?: boolean;
}

/**
 * Where a lead's decision is taken and stored: runs a step in a transaction of its own, so a
 * lead's ledger claims, dialer checks, routing and rows commit together or not at all. The
 * promise settles after the commit, so a door replies only once its lead is stored.
 */
export interface LeadStore {
  /** The database engine it writes to (SQL that differs by engine asks it). */
  readonly engine: Engine;
  run<T>(program: () => Step<T>, options?: RunOptions): Promise<T>;
  /** Finishes the work already queued, then releases the store's connection. */
  close(): Promise<void>;
}

/**
 * The store for `em`'s database: on SQLite a group-committing store on a connection of its own,
 * on PostgreSQL a transaction per lead on the ORM's pool.
 */
export function createLeadStore(em: EntityManager): LeadStore {
  return isSqlite(em) ? SqliteLeadStore.forOrm(em) : new PostgresLeadStore(em);
}
