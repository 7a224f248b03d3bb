import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/** True when the ORM runs on SQLite. */
export const isSqlite = (em: EntityManager): boolean => em.getPlatform().constructor.name.includes('Sqlite');

/**
 * Takes the transaction-scoped advisory locks of a JSON array of keys on PostgreSQL, in one
 * statement and in ascending hash order, so two transactions that share keys always queue in the
 * same order and cannot deadlock.
 */
export const LOCK_SQL = `select pg_advisory_xact_lock(h) from (
  select distinct hashtextextended(k, 0) as h from jsonb_array_elements_text(?::jsonb) as t(k) order by h
) as locks`;

/**
 * Serializes transactions that name the same keys until the caller's transaction ends, for a
 * check-then-write that no unique index can express. PostgreSQL: transaction-scoped advisory
 * locks (released at commit or rollback, shared by every gateway on the database). SQLite:
 * nothing to do, the gateway's single connection already runs one transaction at a time.
 */
export async function lockKeys(tx: EntityManager, keys: readonly string[]): Promise<void> {
  if (keys.length === 0 || isSqlite(tx)) return;
  await (tx as SqlEntityManager).execute(LOCK_SQL, [JSON.stringify(keys)]);
}

/** {@link lockKeys} for one key. */
export const lockKey = (tx: EntityManager, key: string): Promise<void> => lockKeys(tx, [key]);
