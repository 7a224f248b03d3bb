import type { EntityManager } from '@mikro-orm/core';
import { isSqlite } from '../../shared/row-lock.js';
import { csvPage, type CsvLeadRow, type CsvPage } from './lead-csv.js';

/** The engines stats SQL is written for. */
export type StatsDialect = 'sqlite' | 'postgresql';

/**
 * Where stats SQL runs: `?` placeholders, rows as plain objects. On SQLite a read-only
 * connection in a worker thread (so no scan runs on the event loop); on PostgreSQL the pool.
 */
export interface StatsDb {
  readonly dialect: StatsDialect;
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Export rows (selected with CSV_SELECT) as CSV lines. */
  csvPage(sql: string, params: readonly unknown[], masked: boolean): Promise<CsvPage>;
}

/** Stats SQL through the ORM's own connection (PostgreSQL, or an in-memory SQLite database no worker can open). */
export class OrmStatsDb implements StatsDb {
  readonly dialect: StatsDialect;

  constructor(private readonly em: EntityManager) {
    this.dialect = isSqlite(em) ? 'sqlite' : 'postgresql';
  }

  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, [...params], 'all');
  }

  async csvPage(sql: string, params: readonly unknown[], masked: boolean): Promise<CsvPage> {
    return csvPage(await this.all<CsvLeadRow>(sql, params), masked);
  }
}

/** A time (epoch ms) as an SQL literal comparable with `leads.received_at` on the engine. */
export function timeLiteral(dialect: StatsDialect, ms: number): string {
  if (dialect === 'sqlite') return String(Math.trunc(ms));
  if (ms <= -8.64e15) return `'-infinity'::timestamptz`;
  if (ms >= 8.64e15) return `'infinity'::timestamptz`;
  return `'${new Date(ms).toISOString()}'::timestamptz`;
}

/** The literal for a boolean column's false on the engine (SQLite stores booleans as 0/1). */
export const falseLiteral = (dialect: StatsDialect): string => (dialect === 'sqlite' ? '0' : 'false');

/** `?, ?, ?` for `n` parameters. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
