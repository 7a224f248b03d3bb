import type { EntityManager } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey, type Caller } from '../../auth/caller.js';
import { secretMatches } from '../../auth/secrets.js';
import { badInput, forbidden, notFound, unauthenticated } from '../../errors/app-error.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { Source } from '../sources/source.entity.js';
import type { LeadDraft } from './lead-draft.js';
import { LeadDecision } from './lead-decision.js';
import { Lead } from './lead.entity.js';
import { LeadStatus } from './lead-enums.js';
import { normalizeLead } from './normalize.js';
import { runPipeline } from './pipeline.js';
import type { RuleContext } from './rules/lead-rule.js';

/** Options for {@link IntakeService}. */
export interface IntakeOptions {
  /** The clock, default `() => new Date()`; tests pass their own. */
  now?: () => Date;
}

/**
 * The single intake service: every door turns its request into a {@link LeadDraft} and calls
 * {@link IntakeService.submit}, so each lead meets the same rules whichever way it came in.
 */
export class IntakeService {
  private readonly now: () => Date;

  constructor(options: IntakeOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Authenticates, normalizes, runs the rule stages, stores the lead and returns the decision.
   * Throws an AppError only for requests that cannot be judged (unknown campaign, bad API key,
   * malformed values); rejections are decisions.
   */
  async submit(em: EntityManager, draft: LeadDraft, caller: Caller): Promise<LeadDecision> {
    const campaign = await em.findOne(Campaign, { id: draft.campaignId });
    if (caller.kind === 'key' && caller.accountId !== null && campaign?.account.id !== caller.accountId) {
      throw notFound('Campaign');
    }
    if (!campaign) throw notFound('Campaign');
    const lead = normalizeLead(draft);
    const ctx = await this.resolveSource(em, draft, caller, campaign);
    const { rejection, trace } = runPipeline(lead, ctx, { test: draft.test });

    // Unproven credentials store nothing: we cannot attribute the lead to anyone.
    if (!ctx.source || !ctx.authenticated) {
      return LeadDecision.of({
        status: LeadStatus.REJECTED, reasonCode: rejection!.code, message: rejection!.message,
        priceCents: 0, leadId: null, isTest: draft.test,
      });
    }
    const status = rejection ? LeadStatus.REJECTED : draft.test ? LeadStatus.TEST : LeadStatus.ACCEPTED;
    const priceCents = status === LeadStatus.ACCEPTED ? (ctx.approval?.priceCents ?? campaign.defaultPriceCents) : 0;
    const stored = em.create(Lead, {
      account: campaign.account,
      campaign,
      source: ctx.source,
      status,
      reasonCode: rejection?.code ?? null,
      reasonMessage: rejection?.message ?? '',
      priceCents,
      isTest: draft.test,
      door: draft.door,
      receivedAt: ctx.now,
      ...lead.fields,
      extra: lead.extra,
      trace,
    });
    await em.persistAndFlush(stored);
    return LeadDecision.of({
      status, reasonCode: stored.reasonCode, message: stored.reasonMessage, priceCents, leadId: stored.id, isTest: draft.test,
    });
  }

  /** Who is posting: a SOURCE key's source, an ADMIN's named source, or body credentials. */
  private async resolveSource(em: EntityManager, draft: LeadDraft, caller: Caller, campaign: Campaign): Promise<RuleContext> {
    const base = { campaign, now: this.now() };
    let sourceId = draft.sourceId ?? null;
    let authenticated: boolean;
    if (caller.kind === 'anonymous') {
      if (!sourceId || !draft.sourceAuth) {
        throw unauthenticated('Send Authorization: Bearer <key>, or the source credentials sourceId and sourceAuth');
      }
      authenticated = false; // proven below against the stored hash
    } else {
      const key = requireKey(caller);
      if (key.role === ApiKeyRole.READER) throw forbidden('A READER key cannot submit leads');
      if (key.role === ApiKeyRole.SOURCE) {
        if (sourceId && sourceId !== key.sourceId) return { ...base, source: null, authenticated: false, approval: null };
        sourceId = key.sourceId;
      } else if (!sourceId) {
        throw badInput('sourceId is required when submitting with an ADMIN key', { field: 'sourceId' });
      }
      authenticated = true;
    }
    const source = await em.findOne(Source, { id: sourceId!, account: campaign.account.id });
    if (!source) return { ...base, source: null, authenticated: false, approval: null };
    if (caller.kind === 'anonymous') authenticated = secretMatches(draft.sourceAuth!, source.authKeyHash);
    const approval = authenticated ? await em.findOne(SourceCampaign, { source, campaign }) : null;
    return { ...base, source, authenticated, approval };
  }
}
