import type { EntityData, EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { newId } from '../../shared/ids.js';
import { localTime, type LocalTime } from '../../shared/local-time.js';
import { Buyer, BuyerStatus, buyerAdmits, buyerPriceCents, Sale } from '../buyers/index.js';
import type { Campaign } from '../campaigns/campaign.entity.js';
import { CLAIM_COUNT_SQL } from '../ledger/ledger.js';
import { fieldValue, type NormalizedLead } from '../fields/normalized-lead.js';

/** Where a lead went: the buyers it was sold to (empty: pending) and the sale rows to store. */
export interface RouteResult {
  buyerIds: string[];
  priceCents: number;
  sales: Array<EntityData<Sale>>;
}

const PERIODS = ['daily', 'weekly', 'monthly', 'total'] as const;

/** Counts one more on a counter with no limit and returns the new count (the round-robin pointer). */
const BUMP_SQL = `insert into ledger_cap_counters (scope, period, count) values (?, 'total', 1)
  on conflict (scope, period) do update set count = ledger_cap_counters.count + 1 returning count`;

/** Gives back a count taken by a claim when a later claim of the same buyer failed. */
const RELEASE_SQL = 'update ledger_cap_counters set count = count - 1 where scope = ? and period = ?';

/**
 * Sells an accepted lead to the best eligible buyers of the campaign's account, inside the
 * caller's transaction: among ACTIVE buyers whose filter and schedule admit it, the highest price
 * wins, ties go round-robin, and a buyer is taken only when every one of its caps has room (taken
 * through the ledger's atomic counters, so N concurrent leads never oversell a cap).
 */
export class Router {
  async route(tx: EntityManager, campaign: Campaign, accountTimeZone: string, lead: NormalizedLead, leadId: string, now: Date): Promise<RouteResult> {
    const sql = tx as SqlEntityManager;
    const local = localTime(now, accountTimeZone);
    const get = (field: string) => fieldValue(lead, field);
    const buyers = await tx.find(Buyer, { account: campaign.account.id, status: BuyerStatus.ACTIVE }, { orderBy: { id: 'asc' } });
    const eligible = buyers
      .filter((buyer) => buyerAdmits(buyer, get, local))
      .map((buyer) => ({ buyer, priceCents: buyerPriceCents(buyer, get) }));
    const byPrice = new Map<number, typeof eligible>();
    for (const candidate of eligible) byPrice.set(candidate.priceCents, [...(byPrice.get(candidate.priceCents) ?? []), candidate]);

    const result: RouteResult = { buyerIds: [], priceCents: 0, sales: [] };
    for (const price of [...byPrice.keys()].sort((a, b) => b - a)) {
      let group = byPrice.get(price)!;
      if (group.length > 1) {
        // Round-robin among equal prices: each routed lead moves the starting buyer on by one.
        const [row] = await sql.execute<Array<{ count: number | string }>>(BUMP_SQL, [`rr:${campaign.id}:${price}`]);
        const start = (Number(row!.count) - 1) % group.length;
        group = [...group.slice(start), ...group.slice(0, start)];
      }
      for (const { buyer, priceCents } of group) {
        if (result.buyerIds.length >= campaign.maxBuyersPerLead) return result;
        if (!(await this.claimCaps(sql, buyer, local))) continue;
        result.buyerIds.push(buyer.id);
        result.priceCents += priceCents;
        result.sales.push({ id: newId('sale'), lead: leadId, buyer: buyer.id, priceCents, createdAt: now });
      }
    }
    return result;
  }

  /** Takes one count on each of the buyer's caps, or none (releasing what was taken) when one is full. */
  private async claimCaps(sql: SqlEntityManager, buyer: Buyer, local: LocalTime): Promise<boolean> {
    const keyOf = { daily: local.date, weekly: local.isoWeek, monthly: local.month, total: 'total' };
    const taken: Array<[string, string]> = [];
    for (const period of PERIODS) {
      const limit = buyer.caps[period];
      if (limit == null) continue;
      const scope = `buyer:${buyer.id}:${period}`;
      const rows = limit > 0 ? await sql.execute<unknown[]>(CLAIM_COUNT_SQL, [scope, keyOf[period], limit]) : [];
      if (rows.length === 0) {
        for (const [s, p] of taken) await sql.execute(RELEASE_SQL, [s, p]);
        return false;
      }
      taken.push([scope, keyOf[period]]);
    }
    return true;
  }
}
