import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/** True when the ORM runs on SQLite. */
export const isSqlite = (em: EntityManager): boolean => em.getPlatform().constructor.name.includes('Sqlite');

/**
 * Serializes transactions that name the same `key` until the caller's transaction ends, for a
 * check-then-write that no unique index can express. PostgreSQL: a transaction-scoped advisory
 * lock (released at commit or rollback, shared by every gateway on the database). SQLite: nothing
 * to do, the gateway's single connection already runs one transaction at a time.
 */
export async function lockKey(tx: EntityManager, key: string): Promise<void> {
  if (isSqlite(tx)) return;
  await (tx as SqlEntityManager).execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
}
