/**
 * The stats counters of leads the bench inserts straight into SQLite: the same deltas the
 * gateway's lead stores write (src/modules/stats/stat-counters.ts), summed in memory and upserted
 * in the insert's transaction, so the counters keep equal to COUNT(*) over the leads.
 */
import type Database from 'better-sqlite3';
import {
  deltaParams,
  LEAD_COUNTERS,
  leadDeltas,
  SALE_COUNTERS,
  saleDeltas,
  upsertSql,
  ZONE_SQL,
  type CountedLead,
  type CounterDelta,
} from '../src/modules/stats/stat-counters.js';

export class CounterAccumulator {
  private readonly leads = new Map<string, CounterDelta>();
  private readonly sales = new Map<string, CounterDelta>();
  private readonly accounts = new Set<string>();

  constructor(private readonly zone: string) {}

  /** Counts one inserted lead, and its sales (a SOLD lead's buyers and prices). */
  add(lead: CountedLead, sales: Array<{ buyerId: string; priceCents: number }> = []): void {
    this.accounts.add(lead.accountId);
    for (const d of leadDeltas(lead, this.zone, 1)) sum(this.leads, d);
    for (const d of saleDeltas(lead, sales, this.zone)) sum(this.sales, d);
  }

  /** Upserts the sums (call inside the insert's transaction). Returns the counter rows written. */
  flush(db: Database.Database): number {
    for (const account of this.accounts) db.prepare(ZONE_SQL).run(account, this.zone);
    let rows = 0;
    for (const [table, deltas] of [
      [LEAD_COUNTERS, this.leads],
      [SALE_COUNTERS, this.sales],
    ] as const) {
      const insert = db.prepare(upsertSql(table, 1));
      for (const d of deltas.values()) insert.run(...deltaParams([d], 'sqlite'));
      rows += deltas.size;
      deltas.clear();
    }
    return rows;
  }
}

function sum(into: Map<string, CounterDelta>, d: CounterDelta): void {
  const key = d.key.join('\u0000');
  const seen = into.get(key);
  if (seen) {
    seen.count += d.count;
    seen.revenueCents += d.revenueCents;
  } else {
    into.set(key, { ...d });
  }
}

/** The time zone of the account that owns `campaignId`. */
export function accountZone(db: Database.Database, campaignId: string): { accountId: string; zone: string } {
  const row = db
    .prepare('select a.id, a.time_zone from campaigns c join accounts a on a.id = c.account_id where c.id = ?')
    .get(campaignId) as { id: string; time_zone: string } | undefined;
  if (!row) throw new Error(`campaign ${campaignId} not found`);
  return { accountId: row.id, zone: row.time_zone };
}
