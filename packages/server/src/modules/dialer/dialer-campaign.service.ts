import type { EntityManager } from '@mikro-orm/core';
import { requireAdmin, requireKey, requireStaffRead, resolveAccountId } from '../../auth/caller.js';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { hashSecret, newSecret, secretPreview } from '../../auth/secrets.js';
import type { RequestContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../errors/app-error.js';
import { requireText } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { SOURCE_KEY_PREFIX } from '../sources/source.service.js';
import { Source } from '../sources/source.entity.js';
import type { CreateDialerCampaignInput, UpdateDialerCampaignInput } from './dialer-campaign.inputs.js';
import { DialerCampaign } from './dialer-campaign.entity.js';
import { parseDialerId } from './dialer-ids.js';
import { DialerList } from './dialer-list.entity.js';

/** Dialer campaigns: ADMIN keys manage them, ADMIN and READER keys of the account read them. */
export class DialerCampaignService {
  /**
   * Creates a dialer campaign over `campaignId`, or over a new intake campaign of the same name
   * that requires a phone and checks no duplicates of its own (check_dup does), with the source that ADMIN-key inserts are attributed to.
   */
  async create(ctx: RequestContext, input: CreateDialerCampaignInput): Promise<DialerCampaign> {
    const accountId = resolveAccountId(ctx.caller, input.accountId);
    requireAdmin(ctx.caller, accountId);
    const name = requireText(input.name, 'name', 200);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    let campaign: Campaign | null = null;
    if (input.campaignId) {
      campaign = await ctx.em.findOne(Campaign, { id: input.campaignId, account: accountId });
      if (!campaign) throw notFound('Campaign');
    }
    const dialerCampaign = DialerCampaignService.build(ctx.em, account, name, campaign);
    await ctx.em.flush();
    return dialerCampaign;
  }

  /**
   * Persists (without flushing or checking access) a dialer campaign named `name` over `campaign`,
   * or over a new intake campaign that requires a phone and checks no duplicates of its own.
   */
  static build(em: EntityManager, account: Account, name: string, campaign: Campaign | null = null): DialerCampaign {
    // Duplicates are the insert's choice (check_dup), so the campaign's own duplicate rule starts off.
    const intake =
      campaign ??
      em.create(Campaign, {
        account,
        name,
        category: 'Dialer',
        timeZone: account.timeZone,
        requiredFields: ['phone'],
        duplicates: { keys: [], windowDays: 30 },
      });
    // Its auth key is never shown: this source posts only through ADMIN-key dialer inserts.
    const authKey = newSecret(SOURCE_KEY_PREFIX);
    const apiSource = em.create(Source, {
      account,
      name: `Dialer API: ${name}`.slice(0, 200),
      authKeyHash: hashSecret(authKey),
      authKeyPreview: secretPreview(authKey),
    });
    em.create(SourceCampaign, { source: apiSource, campaign: intake });
    return em.create(DialerCampaign, { account, name, campaign: intake, apiSource });
  }

  async update(ctx: RequestContext, id: string, input: UpdateDialerCampaignInput): Promise<DialerCampaign> {
    const dialerCampaign = await this.get(ctx, id);
    requireAdmin(ctx.caller, dialerCampaign.account.id);
    if (input.name != null) dialerCampaign.name = requireText(input.name, 'name', 200);
    await ctx.em.flush();
    return dialerCampaign;
  }

  /** Deletes a dialer campaign without lists (returns its id); its intake campaign and leads stay. */
  async delete(ctx: RequestContext, id: string): Promise<number> {
    const dialerCampaign = await this.get(ctx, id);
    requireAdmin(ctx.caller, dialerCampaign.account.id);
    if ((await ctx.em.count(DialerList, { dialerCampaign })) > 0) {
      throw conflict('This dialer campaign still has lists; delete or archive them first');
    }
    await ctx.em.removeAndFlush(dialerCampaign);
    return Number(id);
  }

  async get(ctx: RequestContext, id: string): Promise<DialerCampaign> {
    const numeric = parseDialerId(id);
    const dialerCampaign = numeric === null ? null : await ctx.em.findOne(DialerCampaign, { id: numeric });
    if (!dialerCampaign) throw notFound('Dialer campaign');
    requireStaffRead(ctx.caller, dialerCampaign.account.id, 'Dialer campaign');
    return dialerCampaign;
  }

  async list(ctx: RequestContext, accountId?: string | null): Promise<DialerCampaign[]> {
    const key = requireKey(ctx.caller);
    if (key.role === ApiKeyRole.SOURCE) throw forbidden('A SOURCE key cannot list dialer campaigns');
    const where = key.accountId === null && !accountId ? {} : { account: resolveAccountId(ctx.caller, accountId) };
    return ctx.em.find(DialerCampaign, where, { orderBy: { id: 'asc' } });
  }
}
