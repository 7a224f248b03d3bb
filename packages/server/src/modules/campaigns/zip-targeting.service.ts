import { raw } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireReadAccess } from '../../auth/caller.js';
import type { SourceApprovals } from './source-approvals.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { lockKey } from '../../shared/row-lock.js';
import { CampaignZip } from './campaign-zip.entity.js';
import { Campaign } from './campaign.entity.js';
import type { ListMode } from './requirement-enums.js';
import { parseZipList, zipsToCsv } from './zip-list.js';

const zipListLock = (campaignId: string) => `zip-list:${campaignId}`;

/** Zip targeting lists: replaced whole (from a CSV upload or a list), downloaded as CSV. */
export class ZipTargetingService {
  constructor(
    private readonly approvals: SourceApprovals,
    private readonly cache?: ConfigChanges,
  ) {}

  /** Replaces the campaign's zip list and mode in one transaction; returns the campaign. */
  async replace(ctx: RequestContext, campaignId: string, mode: ListMode, input: string | readonly string[]): Promise<Campaign> {
    const campaign = await this.campaign(ctx, campaignId);
    requireAdmin(ctx.caller, campaign.account.id);
    const zips = parseZipList(input);
    if (zips.length === 0)
      throw badInput(
        'the zip list is empty (an empty list would refuse or admit every lead); use clearZipTargeting to turn zip targeting off',
        { field: 'zips' },
      );
    await ctx.em.transactional(async (tx) => {
      // Concurrent replacements of one list take turns; otherwise each deletes before the others
      // insert, and all but one fail on the list's primary key.
      await lockKey(tx, zipListLock(campaign.id));
      await tx.nativeDelete(CampaignZip, { campaign: campaign.id });
      // Chunks keep each INSERT under SQLite's bound-parameter limit.
      for (let i = 0; i < zips.length; i += 5000) {
        await tx.insertMany(
          CampaignZip,
          zips.slice(i, i + 5000).map((zip) => ({ campaign: campaign.id, zip })),
        );
      }
      const row = await tx.findOneOrFail(Campaign, { id: campaign.id });
      row.zipMode = mode;
      row.zipCount = zips.length;
      await tx.flush();
      await tx.nativeUpdate(Campaign, { id: campaign.id }, { configVersion: raw('config_version + 1') });
    });
    this.cache?.invalidateCampaign(campaign.id);
    await ctx.em.refresh(campaign);
    return campaign;
  }

  /** Turns zip targeting off and empties the list. */
  async clear(ctx: RequestContext, campaignId: string): Promise<Campaign> {
    const campaign = await this.campaign(ctx, campaignId);
    requireAdmin(ctx.caller, campaign.account.id);
    await ctx.em.transactional(async (tx) => {
      await lockKey(tx, zipListLock(campaign.id));
      await tx.nativeDelete(CampaignZip, { campaign: campaign.id });
      const row = await tx.findOneOrFail(Campaign, { id: campaign.id });
      row.zipMode = null;
      row.zipCount = 0;
      await tx.flush();
      await tx.nativeUpdate(Campaign, { id: campaign.id }, { configVersion: raw('config_version + 1') });
    });
    this.cache?.invalidateCampaign(campaign.id);
    await ctx.em.refresh(campaign);
    return campaign;
  }

  /** The list as CSV (header `zip`, sorted). */
  async exportCsv(ctx: RequestContext, campaignId: string): Promise<string> {
    const campaign = await this.campaign(ctx, campaignId);
    const rows = await ctx.em.find(CampaignZip, { campaign: campaign.id }, { fields: ['zip'] });
    return zipsToCsv(rows.map((r) => r.zip));
  }

  private async campaign(ctx: RequestContext, id: string): Promise<Campaign> {
    const campaign = await ctx.em.findOne(Campaign, { id });
    if (!campaign) throw notFound('Campaign');
    const key = requireReadAccess(ctx.caller, campaign.account.id, 'Campaign');
    if (key.role === ApiKeyRole.SOURCE && !(await this.approvals.approvedCampaignIds(ctx.em, key.sourceId!)).includes(id)) {
      throw notFound('Campaign');
    }
    return campaign;
  }
}
