import type { LocalTime } from '../../shared/local-time.js';
import { get, run, type Step } from '../../shared/sql-step.js';
import type { ReasonCode } from '../leads/reason-code.js';

/** A claim on a duplicate key: succeeds unless an accepted lead holds the key inside the window. */
export interface UniqueClaim {
  kind: 'unique';
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
const CLAIM_KEY_SQL = `insert into ledger_dedupe_keys (campaign_id, kind, value_hash, lead_id, received_at) values (?, ?, ?, ?, ?)
  on conflict (campaign_id, kind, value_hash) do update set lead_id = excluded.lead_id, received_at = excluded.received_at
  where ledger_dedupe_keys.received_at <= ? returning lead_id`;

/** Counts one more for (scope, period) while the count is below the limit (last parameter). Returns a row when it did. */
const CLAIM_COUNT_SQL = `insert into ledger_cap_counters (scope, period, count) values (?, ?, 1)
  on conflict (scope, period) do update set count = ledger_cap_counters.count + 1
  where ledger_cap_counters.count < ? returning count`;

/** Gives back one count taken by {@link claimCount} (a later claim of the same set failed). */
const RELEASE_COUNT_SQL = 'update ledger_cap_counters set count = count - 1 where scope = ? and period = ?';

/** Counts one more on a counter with no limit and returns the new count. */
const BUMP_SQL = `insert into ledger_cap_counters (scope, period, count) values (?, ?, 1)
  on conflict (scope, period) do update set count = ledger_cap_counters.count + 1 returning count`;

/**
 * Takes one claim for `leadId` received at `nowMs`, inside the caller's transaction; false when
 * it failed (the caller rolls back what it took). Each claim is one atomic conditional upsert,
 * so concurrent requests (and several gateways on one PostgreSQL) cannot both win: PostgreSQL's
 * row locks and the unique index serialize them, and SQLite runs one writer at a time. Callers
 * take claims in a fixed order (keys, then counters) so two leads never wait on each other in
 * opposite orders.
 */
export function* claim(claim: LedgerClaim, leadId: string, nowMs: number): Step<boolean> {
  if (claim.kind === 'unique') {
    return (yield* get(CLAIM_KEY_SQL, [claim.campaignId, claim.key, claim.valueHash, leadId, nowMs, claim.windowStartMs])) !== undefined;
  }
  return yield* claimCount(claim.scope, claim.period, claim.limit);
}

/** Counts one more on (scope, period) while below `limit`; false (nothing counted) when full. */
export function* claimCount(scope: string, period: string, limit: number): Step<boolean> {
  if (limit <= 0) return false;
  return (yield* get(CLAIM_COUNT_SQL, [scope, period, limit])) !== undefined;
}

/** Gives back one count on (scope, period). */
export function* releaseCount(scope: string, period: string): Step<void> {
  yield* run(RELEASE_COUNT_SQL, [scope, period]);
}

/** Counts one more on (scope, period) without a limit; returns the new count (e.g. a round-robin pointer). */
export function* bump(scope: string, period: string): Step<number> {
  const row = yield* get<{ count: number | string }>(BUMP_SQL, [scope, period]);
  return Number(row!.count);
}

/** The calendar periods a cap counts over. */
export const CAP_PERIODS = ['daily', 'weekly', 'monthly', 'total'] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];

/** The counter row of each period for a lead received at `local` (ISO weeks start on Monday). */
export const capPeriodKeys = (local: LocalTime): Record<CapPeriod, string> => ({
  daily: local.date,
  weekly: local.isoWeek,
  monthly: local.month,
  total: 'total',
});

/**
 * The counters' scopes: a source's caps on a campaign (by its approval), a campaign's, a buyer's.
 * The intake's claims, routing's and an import's counts must name the same rows.
 */
export const capScope = {
  approval: (approvalId: string, period: CapPeriod) => `sc:${approvalId}:${period}`,
  campaign: (campaignId: string, period: CapPeriod) => `campaign:${campaignId}:${period}`,
  buyer: (buyerId: string, period: CapPeriod) => `buyer:${buyerId}:${period}`,
};
