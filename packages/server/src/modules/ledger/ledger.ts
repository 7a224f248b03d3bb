import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { ReasonCode } from '../leads/reason-code.js';

/** A claim on a duplicate key: succeeds unless an accepted lead holds the key inside the window. */
export interface UniqueClaim {
  kind: 'unique';
  stage: string;
  code: ReasonCode;
  campaignId: string;
  key: string;
  valueHash: string;
  /** Leads received at or before this instant (epoch ms) no longer count. */
  windowStartMs: number;
}

/** A claim on a cap counter: succeeds while the period's count is below `limit`. */
export interface CounterClaim {
  kind: 'counter';
  stage: string;
  code: ReasonCode;
  scope: string;
  period: string;
  limit: number;
}

export type LedgerClaim = UniqueClaim | CounterClaim;

/**
 * Claims a duplicate key for (campaign, kind, hash, lead, received at ms), unless the holder is
 * younger than the window start (last parameter). Returns a row when the claim succeeded.
 */
export const CLAIM_KEY_SQL = `insert into ledger_dedupe_keys (campaign_id, kind, value_hash, lead_id, received_at) values (?, ?, ?, ?, ?)
  on conflict (campaign_id, kind, value_hash) do update set lead_id = excluded.lead_id, received_at = excluded.received_at
  where ledger_dedupe_keys.received_at <= ? returning lead_id`;

/** Counts one more for (scope, period) while the count is below the limit (last parameter). Returns a row when it did. */
export const CLAIM_COUNT_SQL = `insert into ledger_cap_counters (scope, period, count) values (?, ?, 1)
  on conflict (scope, period) do update set count = ledger_cap_counters.count + 1
  where ledger_cap_counters.count < ? returning count`;

/**
 * The duplicate and cap ledger. Every claim is one atomic conditional upsert, so concurrent
 * requests (and several gateways on one PostgreSQL) cannot both win: PostgreSQL's row locks
 * and the unique index serialize them, and SQLite runs one writer at a time. Claims are taken in
 * the order given; callers pass them in a fixed order (keys, then counters) so two leads never
 * wait on each other in opposite orders.
 */
export class Ledger {
  /**
   * Takes every claim inside the caller's transaction, for `leadId` received at `nowMs`.
   * Returns the first claim that failed (the caller must then roll the transaction back, which
   * releases the claims already taken), or null when all succeeded.
   */
  async reserve(em: EntityManager, claims: readonly LedgerClaim[], leadId: string, nowMs: number): Promise<LedgerClaim | null> {
    const sql = em as SqlEntityManager;
    for (const claim of claims) {
      if (claim.kind === 'unique') {
        const params = [claim.campaignId, claim.key, claim.valueHash, leadId, nowMs, claim.windowStartMs];
        const rows = await sql.execute<Array<{ lead_id: string }>>(CLAIM_KEY_SQL, params);
        if (rows.length === 0) return claim;
      } else {
        if (claim.limit <= 0) return claim;
        const rows = await sql.execute<Array<{ count: number }>>(CLAIM_COUNT_SQL, [claim.scope, claim.period, claim.limit]);
        if (rows.length === 0) return claim;
      }
    }
    return null;
  }

  /** Read-only: the first claim that would fail now, without taking any (for explainLead). */
  async peek(em: EntityManager, claims: readonly LedgerClaim[]): Promise<LedgerClaim[]> {
    const sql = em as SqlEntityManager;
    const failing: LedgerClaim[] = [];
    for (const claim of claims) {
      if (claim.kind === 'unique') {
        const rows = await sql.execute<Array<{ received_at: number | string }>>(
          'select received_at from ledger_dedupe_keys where campaign_id = ? and kind = ? and value_hash = ?',
          [claim.campaignId, claim.key, claim.valueHash],
        );
        if (rows[0] && Number(rows[0].received_at) > claim.windowStartMs) failing.push(claim);
      } else {
        const rows = await sql.execute<Array<{ count: number | string }>>(
          'select count from ledger_cap_counters where scope = ? and period = ?',
          [claim.scope, claim.period],
        );
        if (Number(rows[0]?.count ?? 0) >= claim.limit) failing.push(claim);
      }
    }
    return failing;
  }
}
