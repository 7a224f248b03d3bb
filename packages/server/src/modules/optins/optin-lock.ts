import type { EntityManager } from '@mikro-orm/core';
import { lockKeys } from '../../shared/row-lock.js';

/**
 * Serializes ledger writers per email until the caller's transaction ends, so a read of an
 * email's statuses and the writes that depend on it cannot interleave with another submission's.
 */
export function lockEmails(tx: EntityManager, accountId: string, emails: readonly string[]): Promise<void> {
  return lockKeys(
    tx,
    emails.map((email) => `optin:${accountId}:${email}`),
  );
}
