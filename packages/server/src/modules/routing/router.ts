import type { EntityData } from '@mikro-orm/core';
import { newId } from '../../shared/ids.js';
import { localTime, type LocalTime } from '../../shared/local-time.js';
import type { Step } from '../../shared/sql-step.js';
import { buyerAdmits, buyerPriceCents, type Buyer, type Sale } from '../buyers/index.js';
import { fieldValue, type NormalizedLead } from '../fields/normalized-lead.js';
import { bump, CAP_PERIODS, capPeriodKeys, capScope, claimCount, releaseCount } from '../ledger/ledger.js';

/** Where a lead went: the buyers it was sold to (empty: pending) and the sale rows to store. */
export interface RouteResult {
  buyerIds: string[];
  priceCents: number;
  sales: Array<EntityData<Sale>>;
}

/** What routing needs to know of the lead's campaign. */
export interface RoutingCampaign {
  id: string;
  maxBuyersPerLead: number;
}

/**
 * Sells an accepted lead to the best of `buyers` (the account's ACTIVE buyers), inside the
 * caller's transaction: among buyers whose filter and schedule admit it, the highest price wins,
 * ties go round-robin, and a buyer is taken only when every one of its caps has room (taken
 * through the ledger's atomic counters, so N concurrent leads never oversell a cap). Schedules
 * and caps run on the account's clock (`accountTimeZone`).
 */
export function* route(
  buyers: readonly Buyer[],
  campaign: RoutingCampaign,
  accountTimeZone: string,
  lead: NormalizedLead,
  leadId: string,
  now: Date,
): Step<RouteResult> {
  const local = localTime(now, accountTimeZone);
  const get = (field: string) => fieldValue(lead, field);
  const byPrice = new Map<number, Buyer[]>();
  for (const buyer of buyers) {
    if (!buyerAdmits(buyer, get, local)) continue;
    const price = buyerPriceCents(buyer, get);
    byPrice.set(price, [...(byPrice.get(price) ?? []), buyer]);
  }

  const result: RouteResult = { buyerIds: [], priceCents: 0, sales: [] };
  for (const price of [...byPrice.keys()].sort((a, b) => b - a)) {
    let group = byPrice.get(price)!;
    if (group.length > 1) {
      // Round-robin among equal prices: each routed lead moves the starting buyer on by one.
      const start = ((yield* bump(`rr:${campaign.id}:${price}`, 'total')) - 1) % group.length;
      group = [...group.slice(start), ...group.slice(0, start)];
    }
    for (const buyer of group) {
      if (result.buyerIds.length >= campaign.maxBuyersPerLead) return result;
      if (!(yield* claimBuyerCaps(buyer, local))) continue;
      result.buyerIds.push(buyer.id);
      result.priceCents += price;
      result.sales.push({ id: newId('sale'), lead: leadId, buyer: buyer.id, priceCents: price, createdAt: now });
    }
  }
  return result;
}

/** Takes one count on each of the buyer's caps, or none (releasing what was taken) when one is full. */
function* claimBuyerCaps(buyer: Buyer, local: LocalTime): Step<boolean> {
  const keyOf = capPeriodKeys(local);
  const taken: Array<[string, string]> = [];
  for (const period of CAP_PERIODS) {
    const limit = buyer.caps[period];
    if (limit == null) continue;
    const scope = capScope.buyer(buyer.id, period);
    if (!(yield* claimCount(scope, keyOf[period], limit))) {
      for (const [s, p] of taken) yield* releaseCount(s, p);
      return false;
    }
    taken.push([scope, keyOf[period]]);
  }
  return true;
}
