import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireReadAccess, resolveAccountId, requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { amountToCents } from '../../shared/money.js';
import { requireText, requireTimeZone } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { Campaign } from './campaign.entity.js';
import type { CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs.js';
import { CampaignStatus } from './campaign-status.js';
import { CUSTOM_FIELD_NAME, isStandardField } from './lead-fields.js';

/** Checks and de-duplicates a required-field list, keeping the caller's order. */
export function normalizeRequiredFields(fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of fields) {
    const name = raw.trim();
    if (!isStandardField(name) && !CUSTOM_FIELD_NAME.test(name)) {
      throw badInput(`requiredFields: "${raw}" is not a field name (a letter, then letters, digits or _)`, {
        field: 'requiredFields',
      });
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

export class CampaignService {
  async create(ctx: RequestContext, input: CreateCampaignInput): Promise<Campaign> {
    const accountId = resolveAccountId(ctx.caller, input.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    const campaign = ctx.em.create(Campaign, {
      account,
      name: requireText(input.name, 'name', 200),
      category: requireText(input.category, 'category', 100),
      status: input.status ?? CampaignStatus.ACTIVE,
      timeZone: requireTimeZone(input.timeZone ?? account.timeZone),
      requiredFields: normalizeRequiredFields(input.requiredFields ?? []),
      defaultPriceCents: amountToCents(input.defaultPrice ?? 0, 'defaultPrice'),
    });
    await ctx.em.persistAndFlush(campaign);
    return campaign;
  }

  async update(ctx: RequestContext, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const campaign = await this.find(ctx.em, id);
    requireReadAccess(ctx.caller, campaign.account.id, 'Campaign');
    requireAdmin(ctx.caller, campaign.account.id);
    if (input.name != null) campaign.name = requireText(input.name, 'name', 200);
    if (input.category != null) campaign.category = requireText(input.category, 'category', 100);
    if (input.status != null) campaign.status = input.status;
    if (input.timeZone != null) campaign.timeZone = requireTimeZone(input.timeZone);
    if (input.requiredFields != null) campaign.requiredFields = normalizeRequiredFields(input.requiredFields);
    if (input.defaultPrice != null) campaign.defaultPriceCents = amountToCents(input.defaultPrice, 'defaultPrice');
    await ctx.em.flush();
    return campaign;
  }

  /** A campaign the caller may read; a SOURCE key sees only the campaigns it is approved for. */
  async get(ctx: RequestContext, id: string): Promise<Campaign> {
    const campaign = await this.find(ctx.em, id);
    const key = requireReadAccess(ctx.caller, campaign.account.id, 'Campaign');
    if (key.role === ApiKeyRole.SOURCE) {
      const approval = await ctx.em.findOne(SourceCampaign, { source: key.sourceId, campaign: id });
      if (!approval) throw notFound('Campaign');
    }
    return campaign;
  }

  async list(ctx: RequestContext, accountId?: string | null): Promise<Campaign[]> {
    const key = requireKey(ctx.caller);
    const where: FilterQuery<Campaign> = key.accountId === null && !accountId ? {} : { account: resolveAccountId(ctx.caller, accountId) };
    if (key.role === ApiKeyRole.SOURCE) {
      const approvals = await ctx.em.find(SourceCampaign, { source: key.sourceId });
      Object.assign(where, { id: { $in: approvals.map((a) => a.campaign.id) } });
    }
    return ctx.em.find(Campaign, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  private async find(em: EntityManager, id: string): Promise<Campaign> {
    const campaign = await em.findOne(Campaign, { id });
    if (!campaign) throw notFound('Campaign');
    return campaign;
  }
}
