import type { EntityManager } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireReadAccess } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { CUSTOM_FIELD_NAME } from '../fields/lead-fields.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { LeadDecision } from '../leads/lead-decision.js';
import { LeadDoor } from '../leads/lead-enums.js';
import { newSecretId, SourceCampaign } from '../sources/source-campaign.entity.js';
import type { WebhookFieldMapping } from '../sources/webhook-mapping.js';
import { WebhookSample } from './webhook-sample.entity.js';
import { applyMapping, MAPPABLE_STANDARD_FIELDS, suggestMapping } from './webhook.mapper.js';

/** Samples kept per approval; older ones are dropped as new ones arrive. */
export const MAX_SAMPLES = 20;

/** What a webhook request led to. */
export type WebhookOutcome = { kind: 'unknown' } | { kind: 'sample' } | { kind: 'decision'; decision: LeadDecision };

/**
 * Opta-style webhooks: each approval has an unguessable webhook id. Until the customer maps the
 * vendor's parameters, requests are kept as samples; after, each one is mapped to a lead and
 * decided by the intake service like any other post.
 */
export class WebhookService {
  constructor(private readonly intake: IntakeService) {}

  /** Handles one request to /webhook/{webhookId} with flattened parameters. */
  async receive(em: EntityManager, webhookId: string, params: Record<string, string>, contentType: string): Promise<WebhookOutcome> {
    const approval = await em.findOne(SourceCampaign, { webhookId });
    if (!approval) return { kind: 'unknown' };
    if (!approval.webhookMapping) {
      await em.transactional(async (tx) => {
        tx.create(WebhookSample, {
          sourceCampaign: approval.id,
          contentType: contentType.slice(0, 100),
          params: Object.entries(params).map(([name, value]) => ({ name, value })),
        });
        await tx.flush();
        const old = await tx.find(
          WebhookSample,
          { sourceCampaign: approval.id },
          { orderBy: { receivedAt: 'desc', id: 'desc' }, offset: MAX_SAMPLES, fields: ['id'] },
        );
        if (old.length) await tx.nativeDelete(WebhookSample, { id: { $in: old.map((s) => s.id) } });
      });
      return { kind: 'sample' };
    }
    const mapped = applyMapping(params, approval.webhookMapping);
    const decision = await this.intake.submit(
      em,
      { campaignId: approval.campaign.id, ...mapped, door: LeadDoor.WEBHOOK, raw: params },
      // The webhook id proves the source: it is the approval's own, secret URL.
      { kind: 'caller', caller: { kind: 'source', sourceId: approval.source.id } },
    );
    return { kind: 'decision', decision };
  }

  async samples(ctx: RequestContext, sourceCampaignId: string): Promise<WebhookSample[]> {
    const approval = await this.approval(ctx, sourceCampaignId);
    return ctx.em.find(WebhookSample, { sourceCampaign: approval.id }, { orderBy: { receivedAt: 'desc', id: 'desc' } });
  }

  /** A mapping guessed from the names in the samples (newest first) and the campaign's custom fields. */
  async suggest(ctx: RequestContext, sourceCampaignId: string): Promise<WebhookFieldMapping[]> {
    const approval = await this.approval(ctx, sourceCampaignId);
    const samples = await ctx.em.find(WebhookSample, { sourceCampaign: approval.id }, { orderBy: { receivedAt: 'desc', id: 'desc' } });
    const names = [...new Set(samples.flatMap((s) => s.params.map((p) => p.name)))];
    return suggestMapping(
      names,
      approval.campaign.getEntity().customFields.map((f) => f.name),
    );
  }

  /**
   * Sets the mapping. Refused, naming the fields, when a field the campaign or the approval
   * requires is mapped to nothing; an empty list clears the mapping (posts become samples again).
   */
  async map(ctx: RequestContext, sourceCampaignId: string, mapping: WebhookFieldMapping[]): Promise<SourceCampaign> {
    const approval = await this.approval(ctx, sourceCampaignId);
    requireAdmin(ctx.caller, approval.campaign.getEntity().account.id);
    const campaign = approval.campaign.getEntity();
    const custom = new Set(campaign.customFields.map((f) => f.name));
    const seen = new Set<string>();
    const clean = mapping.map((entry, i) => {
      const field = entry.field.trim();
      if (!MAPPABLE_STANDARD_FIELDS.includes(field) && !(custom.has(field) || CUSTOM_FIELD_NAME.test(field))) {
        throw badInput(`mapping[${i}]: "${entry.field}" is not a lead field`, { field: 'mapping' });
      }
      if (seen.has(field)) throw badInput(`mapping: "${field}" is mapped twice`, { field: 'mapping' });
      seen.add(field);
      const from = entry.from?.trim() || null;
      const constant = entry.constant ?? null;
      if ((from === null) === (constant === null))
        throw badInput(`mapping[${i}] (${field}): give exactly one of from and constant`, { field: 'mapping' });
      if ((from?.length ?? 0) > 200 || (constant?.length ?? 0) > 500)
        throw badInput(`mapping[${i}] (${field}): value too long`, { field: 'mapping' });
      return { field, from, constant };
    });
    if (clean.length > 0) {
      const required = [...campaign.requiredFields, ...approval.requiredFields.filter((f) => !campaign.requiredFields.includes(f))];
      const unmapped = required.filter((f) => !seen.has(f));
      if (unmapped.length) {
        throw badInput(`The mapping leaves required field${unmapped.length > 1 ? 's' : ''} unmapped: ${unmapped.join(', ')}`, {
          field: 'mapping',
        });
      }
    }
    approval.webhookMapping = clean.length ? clean : null;
    await ctx.em.flush();
    return approval;
  }

  /** A new webhook id; the old URL answers 404 from now on. */
  async rotate(ctx: RequestContext, sourceCampaignId: string): Promise<SourceCampaign> {
    const approval = await this.approval(ctx, sourceCampaignId);
    requireAdmin(ctx.caller, approval.campaign.getEntity().account.id);
    approval.webhookId = newSecretId();
    await ctx.em.flush();
    return approval;
  }

  private async approval(ctx: RequestContext, id: string): Promise<SourceCampaign> {
    const approval = await ctx.em.findOne(SourceCampaign, { id }, { populate: ['campaign'] });
    if (!approval) throw notFound('Source approval');
    const key = requireReadAccess(ctx.caller, approval.campaign.getEntity().account.id, 'Source approval');
    // Samples hold what a vendor posted (emails, phones): another source's are not this vendor's business.
    if (key.role === ApiKeyRole.SOURCE && approval.source.id !== key.sourceId) throw notFound('Source approval');
    return approval;
  }
}
