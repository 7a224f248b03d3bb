import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireKey, requireReadAccess, resolveAccountId } from '../../auth/caller.js';
import { hashSecret, newSecret, secretPreview } from '../../auth/secrets.js';
import type { RequestContext } from '../../context.js';
import { conflict, notFound } from '../../errors/app-error.js';
import { amountToCents } from '../../shared/money.js';
import { requireImportedId, requireImportedSecret, requireText } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { normalizeRequiredFields } from '../campaigns/campaign.service.js';
import { validateCaps } from '../campaigns/requirements.validate.js';
import { badInput } from '../../errors/app-error.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { SourceCampaign } from './source-campaign.entity.js';
import { Source } from './source.entity.js';
import type { ApproveSourceInput, CreateSourceInput } from './source.inputs.js';

/** Prefix of every source auth key. */
export const SOURCE_KEY_PREFIX = 'lgs_';

/** Trimmed, de-duplicated sub or affiliate ids (at most 10,000, each up to 100 characters). */
function trackingIds(values: string[], field: string): string[] {
  const ids = [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  if (ids.length > 10_000) throw badInput(`${field} may hold at most 10000 ids`, { field });
  if (ids.some((id) => id.length > 100)) throw badInput(`${field}: each id must be at most 100 characters`, { field });
  return ids;
}

export class SourceService {
  constructor(private readonly cache?: ConfigChanges) {}

  async create(ctx: RequestContext, input: CreateSourceInput): Promise<{ source: Source; authKey: string }> {
    const accountId = resolveAccountId(ctx.caller, input.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    const id = input.id == null ? undefined : requireImportedId(input.id, 'id');
    const authKey = input.authKey == null ? newSecret(SOURCE_KEY_PREFIX) : requireImportedSecret(input.authKey, 'authKey');
    const name = requireText(input.name, 'name', 200);
    if (id !== undefined && (await ctx.em.findOne(Source, { id }, { fields: ['id'] })))
      throw conflict(`The source id "${id}" is already taken`);
    const source = ctx.em.create(Source, {
      ...(id === undefined ? {} : { id }),
      account,
      name,
      authKeyHash: hashSecret(authKey),
      authKeyPreview: secretPreview(authKey),
    });
    try {
      await ctx.em.persistAndFlush(source);
    } catch (error) {
      // The same id imported concurrently: the primary key decides.
      if (error instanceof UniqueConstraintViolationException) throw conflict(`The source id "${source.id}" is already taken`);
      throw error;
    }
    return { source, authKey };
  }

  /** A new auth key for the source (shown once, like at creation); the old one stops working at once. */
  async rotateAuthKey(ctx: RequestContext, sourceId: string): Promise<{ source: Source; authKey: string }> {
    const source = await ctx.em.findOne(Source, { id: sourceId });
    if (!source) throw notFound('Source');
    requireReadAccess(ctx.caller, source.account.id, 'Source');
    requireAdmin(ctx.caller, source.account.id);
    const authKey = newSecret(SOURCE_KEY_PREFIX);
    source.authKeyHash = hashSecret(authKey);
    source.authKeyPreview = secretPreview(authKey);
    await ctx.em.flush();
    this.cache?.invalidateSource(source.account.id, source.id);
    return { source, authKey };
  }

  /** Creates or updates the approval of a source for a campaign of the same account. */
  async approve(ctx: RequestContext, input: ApproveSourceInput): Promise<SourceCampaign> {
    const source = await ctx.em.findOne(Source, { id: input.sourceId });
    if (!source) throw notFound('Source');
    requireReadAccess(ctx.caller, source.account.id, 'Source');
    requireAdmin(ctx.caller, source.account.id);
    const campaign = await ctx.em.findOne(Campaign, { id: input.campaignId, account: source.account.id });
    if (!campaign) throw notFound('Campaign');
    let approval = await ctx.em.findOne(SourceCampaign, { source, campaign });
    if (!approval) {
      approval = ctx.em.create(SourceCampaign, { source, campaign });
      ctx.em.persist(approval);
    }
    if (input.active != null) approval.active = input.active;
    if (input.price !== undefined) approval.priceCents = input.price === null ? null : amountToCents(input.price, 'price');
    if (input.requiredFields !== undefined) approval.requiredFields = normalizeRequiredFields(input.requiredFields ?? []);
    if (input.caps !== undefined) approval.caps = validateCaps(input.caps ?? {}, 'caps');
    if (input.blockedSubIds !== undefined) approval.blockedSubIds = trackingIds(input.blockedSubIds ?? [], 'blockedSubIds');
    if (input.blockedAffIds !== undefined) approval.blockedAffIds = trackingIds(input.blockedAffIds ?? [], 'blockedAffIds');
    await ctx.em.flush();
    this.cache?.invalidateApproval(source.id, campaign.id);
    return approval;
  }

  async list(ctx: RequestContext, accountId?: string | null): Promise<Source[]> {
    const key = requireKey(ctx.caller);
    if (key.role === ApiKeyRole.SOURCE) return ctx.em.find(Source, { id: key.sourceId! });
    const where = key.accountId === null && !accountId ? {} : { account: resolveAccountId(ctx.caller, accountId) };
    return ctx.em.find(Source, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Ids of the campaigns a source is approved for, active or not (the campaigns module's SourceApprovals). */
  async approvedCampaignIds(em: EntityManager, sourceId: string): Promise<string[]> {
    const approvals = await em.find(SourceCampaign, { source: sourceId }, { fields: ['campaign'] });
    return approvals.map((a) => a.campaign.id);
  }

  /** The campaigns a source is approved for (active or not). */
  async approvals(ctx: RequestContext, source: Source): Promise<SourceCampaign[]> {
    return ctx.em.find(SourceCampaign, { source }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }
}
