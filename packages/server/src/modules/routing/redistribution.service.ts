import type { EntityManager } from '@mikro-orm/core';
import { requireAdmin, requireReadAccess } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { Buyer, BuyerStatus, Sale } from '../buyers/index.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { STANDARD_FIELD_NAMES, type StandardField } from '../fields/lead-fields.js';
import { LeadRouting } from '../campaigns/requirement-enums.js';
import { LeadStatus } from '../leads/lead-enums.js';
import type { LeadDecidedEvent } from '../leads/index.js';
import { Lead } from '../leads/lead.entity.js';
import { runAsync } from '../../shared/sql-step.js';
import { ormExecFor } from '../../store/index.js';
import { route } from './router.js';
import { Delivery } from '../delivery/delivery.entity.js';
import type { DeliveryNotifier } from '../delivery/delivery-notifier.js';
import { buyerDestinations, deliveryRows } from '../delivery/outbox.js';
import { statCounters } from '../stats/index.js';

/** Pending leads offered in one run, oldest first. */
export const MAX_REDISTRIBUTED = 1000;

class NotSold extends Error {}

/**
 * Offers pending leads again, oldest first, while they are younger than their campaign's
 * pendingMaxAgeHours: when a buyer is created, resumed or gets room, and on demand. Each lead is
 * taken from PENDING with a conditional update in its own transaction, so two runs never sell it twice.
 */
export class RedistributionService {
  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly deliveries?: DeliveryNotifier,
    /** Told of each lead sold, once its transaction committed (the live feed); default none. */
    private readonly onSold?: (sale: LeadDecidedEvent, soldAt: Date) => void,
  ) {}

  /** Every routing campaign of the account; returns how many leads were sold. */
  async forAccount(em: EntityManager, accountId: string): Promise<number> {
    const campaigns = await em.find(Campaign, { account: accountId, routing: LeadRouting.BUYERS }, { populate: ['account'] });
    let sold = 0;
    for (const campaign of campaigns) sold += await this.run(em, campaign);
    return sold;
  }

  /** `redistributePending(campaignId)`: ADMIN of the campaign's account. */
  async forCampaign(ctx: RequestContext, campaignId: string): Promise<number> {
    const campaign = await ctx.em.findOne(Campaign, { id: campaignId }, { populate: ['account'] });
    if (!campaign) throw notFound('Campaign');
    requireReadAccess(ctx.caller, campaign.account.id, 'Campaign');
    requireAdmin(ctx.caller, campaign.account.id);
    if (campaign.routing !== LeadRouting.BUYERS)
      throw badInput('This campaign does not route leads to buyers (routing is NONE)', { field: 'campaignId' });
    return this.run(ctx.em, campaign);
  }

  private async run(em: EntityManager, campaign: Campaign): Promise<number> {
    const now = this.now();
    const since = new Date(now.getTime() - campaign.pendingMaxAgeHours * 3_600_000);
    const pending = await em.find(
      Lead,
      { campaign: campaign.id, status: LeadStatus.PENDING, isTest: false, receivedAt: { $gte: since } },
      { orderBy: { receivedAt: 'asc', id: 'asc' }, limit: MAX_REDISTRIBUTED },
    );
    if (pending.length === 0) return 0;
    const buyers = await em.find(Buyer, { account: campaign.account.id, status: BuyerStatus.ACTIVE }, { orderBy: { id: 'asc' } });
    let sold = 0;
    for (const lead of pending) {
      try {
        const fields = Object.fromEntries(STANDARD_FIELD_NAMES.map((name) => [name, lead[name]])) as Record<StandardField, string | null>;
        const routed = await em.transactional(async (tx) => {
          if ((await tx.nativeUpdate(Lead, { id: lead.id, status: LeadStatus.PENDING }, { status: LeadStatus.SOLD })) === 0)
            throw new NotSold();
          const normalized = { fields, extra: lead.extra };
          const routed = await runAsync(
            route(buyers, campaign, campaign.account.getEntity().timeZone, normalized, lead.id, now),
            ormExecFor(tx),
          );
          if (routed.buyerIds.length === 0) throw new NotSold();
          await tx.nativeUpdate(Lead, { id: lead.id }, { priceCents: routed.priceCents });
          for (const sale of routed.sales) await tx.insert(Sale, sale);
          // The buyers' destinations get the lead in the transaction that sells it.
          for (const row of deliveryRows(campaign.account.id, lead.id, await buyerDestinations(tx, routed.buyerIds), now))
            await tx.insert(Delivery, row);
          await statCounters.moved(tx, lead, { status: LeadStatus.SOLD, priceCents: routed.priceCents, sales: routed.sales });
          return routed;
        });
        sold++;
        this.onSold?.(
          {
            leadId: lead.id,
            accountId: campaign.account.id,
            campaignId: campaign.id,
            sourceId: lead.source.id,
            status: LeadStatus.SOLD,
            reasonCode: null,
            message: '',
            priceCents: routed.priceCents,
            buyerIds: routed.buyerIds,
            isTest: false,
            door: lead.door,
            receivedAt: lead.receivedAt,
            fields,
          },
          now,
        );
      } catch (error) {
        if (!(error instanceof NotSold)) throw error;
      }
    }
    if (sold > 0) this.deliveries?.notify();
    return sold;
  }
}
