import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';

/** True when the ORM runs on SQLite. */
const isSqlite = (em: EntityManager): boolean => em.getPlatform().constructor.name.includes('Sqlite');

// One statement takes every lock, in ascending hash order, so two submissions that share emails
// always queue in the same order and cannot deadlock.
const LOCK_SQL = `select pg_advisory_xact_lock(h) from (
  select distinct hashtextextended(k, 0) as h from jsonb_array_elements_text(?::jsonb) as t(k) order by h
) as locks`;

/**
 * Serializes ledger writers per email until the caller's transaction ends, so a read of an
 * email's statuses and the writes that depend on it cannot interleave with another submission's.
 * PostgreSQL: transaction-scoped advisory locks, shared by every gateway on the database. SQLite:
 * nothing to do, the gateway's single connection runs one transaction at a time.
 */
export async function lockEmails(tx: EntityManager, accountId: string, emails: readonly string[]): Promise<void> {
  if (emails.length === 0 || isSqlite(tx)) return;
  await (tx as SqlEntityManager).execute(LOCK_SQL, [JSON.stringify(emails.map((email) => `optin:${accountId}:${email}`))]);
}
