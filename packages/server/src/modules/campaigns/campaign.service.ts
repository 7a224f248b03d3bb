import { raw, UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireReadAccess, resolveAccountId, requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, conflict, notFound } from '../../errors/app-error.js';
import { amountToCents } from '../../shared/money.js';
import { requireImportedId, requireIntRange, requireText, requireTimeZone } from '../../shared/validate.js';
import { Account } from '../accounts/account.entity.js';
import type { SourceApprovals } from './source-approvals.js';
import type { ConfigChanges } from '../../shared/config-changes.js';
import { Campaign } from './campaign.entity.js';
import type { CampaignSettingsInput, CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs.js';
import { ConsentRequirement, LeadRouting } from './requirement-enums.js';
import {
  requireLocalDate,
  validateCaps,
  validateCustomFields,
  validateDuplicates,
  validatePeriod,
  validateRules,
  validateSchedule,
  validateStateTargeting,
} from './requirements.validate.js';
import { CampaignStatus } from './campaign-status.js';
import { CUSTOM_FIELD_NAME, isStandardField } from '../fields/lead-fields.js';

/** Checks and de-duplicates a required-field list, keeping the caller's order. */
export function normalizeRequiredFields(fields: readonly string[]): string[] {
  if (fields.length > 50) throw badInput('requiredFields may list at most 50 fields', { field: 'requiredFields' });
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

/**
 * Validates and applies the settings present in `input` (undefined keeps a value, null clears an
 * optional one or restores the default).
 */
function applySettings(campaign: Campaign, input: CampaignSettingsInput): void {
  if (input.status !== undefined) campaign.status = input.status ?? CampaignStatus.ACTIVE;
  if (input.timeZone != null) campaign.timeZone = requireTimeZone(input.timeZone);
  if (input.requiredFields !== undefined) campaign.requiredFields = normalizeRequiredFields(input.requiredFields ?? []);
  if (input.defaultPrice !== undefined) campaign.defaultPriceCents = amountToCents(input.defaultPrice ?? 0, 'defaultPrice');
  if (input.periodStart !== undefined)
    campaign.periodStart = input.periodStart === null ? null : requireLocalDate(input.periodStart, 'periodStart');
  if (input.periodEnd !== undefined) campaign.periodEnd = input.periodEnd === null ? null : requireLocalDate(input.periodEnd, 'periodEnd');
  validatePeriod(campaign.periodStart, campaign.periodEnd);
  if (input.schedule !== undefined) campaign.schedule = validateSchedule(input.schedule ?? []);
  if (input.customFields !== undefined) campaign.customFields = validateCustomFields(input.customFields ?? []);
  if (input.stateTargeting !== undefined)
    campaign.stateTargeting = input.stateTargeting ? validateStateTargeting(input.stateTargeting) : null;
  if (input.usIpOnly !== undefined) campaign.usIpOnly = input.usIpOnly ?? false;
  if (input.consent !== undefined) campaign.consent = input.consent ?? ConsentRequirement.NONE;
  if (input.rules !== undefined) campaign.rules = validateRules(input.rules ?? []);
  if (input.duplicates !== undefined) {
    campaign.duplicates = input.duplicates ? validateDuplicates(input.duplicates) : { keys: [], windowDays: 30 };
  }
  if (input.caps !== undefined) campaign.caps = validateCaps(input.caps ?? {}, 'caps');
  if (input.routing !== undefined) campaign.routing = input.routing ?? LeadRouting.NONE;
  if (input.maxBuyersPerLead !== undefined)
    campaign.maxBuyersPerLead = requireIntRange(input.maxBuyersPerLead ?? 1, 'maxBuyersPerLead', 1, 10);
  if (input.pendingMaxAgeHours !== undefined)
    campaign.pendingMaxAgeHours = requireIntRange(input.pendingMaxAgeHours ?? 72, 'pendingMaxAgeHours', 1, 720);
}

/**
 * Bumps the campaign's configVersion in SQL (`+ 1` on the stored value, so two concurrent changes
 * give two versions) and reads it back; gateways recompile a campaign's rules when it changes.
 */
export async function bumpConfigVersion(em: EntityManager, campaign: Campaign): Promise<void> {
  await em.nativeUpdate(Campaign, { id: campaign.id }, { configVersion: raw('config_version + 1') });
  const row = await em.fork().findOneOrFail(Campaign, { id: campaign.id }, { fields: ['configVersion'] });
  campaign.configVersion = row.configVersion;
}

export class CampaignService {
  constructor(
    private readonly approvals: SourceApprovals,
    private readonly cache?: ConfigChanges,
  ) {}

  async create(ctx: RequestContext, input: CreateCampaignInput): Promise<Campaign> {
    const accountId = resolveAccountId(ctx.caller, input.accountId);
    requireAdmin(ctx.caller, accountId);
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    const id = input.id == null ? undefined : requireImportedId(input.id, 'id');
    if (id !== undefined && (await ctx.em.findOne(Campaign, { id }, { fields: ['id'] })))
      throw conflict(`The campaign id "${id}" is already taken`);
    const campaign = ctx.em.create(Campaign, {
      ...(id === undefined ? {} : { id }),
      account,
      name: requireText(input.name, 'name', 200),
      category: requireText(input.category, 'category', 100),
      timeZone: account.timeZone,
    });
    applySettings(campaign, input);
    try {
      await ctx.em.persistAndFlush(campaign);
    } catch (error) {
      // The same id imported concurrently: the primary key decides.
      if (error instanceof UniqueConstraintViolationException) throw conflict(`The campaign id "${campaign.id}" is already taken`);
      throw error;
    }
    return campaign;
  }

  async update(ctx: RequestContext, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const campaign = await this.find(ctx.em, id);
    requireReadAccess(ctx.caller, campaign.account.id, 'Campaign');
    requireAdmin(ctx.caller, campaign.account.id);
    if (input.name != null) campaign.name = requireText(input.name, 'name', 200);
    if (input.category != null) campaign.category = requireText(input.category, 'category', 100);
    applySettings(campaign, input);
    await ctx.em.flush();
    await bumpConfigVersion(ctx.em, campaign);
    this.cache?.invalidateCampaign(campaign.id);
    return campaign;
  }

  /** A campaign the caller may read; a SOURCE key sees only the campaigns it is approved for. */
  async get(ctx: RequestContext, id: string): Promise<Campaign> {
    const campaign = await this.find(ctx.em, id);
    const key = requireReadAccess(ctx.caller, campaign.account.id, 'Campaign');
    if (key.role === ApiKeyRole.SOURCE) {
      if (!(await this.approvals.approvedCampaignIds(ctx.em, key.sourceId!)).includes(id)) throw notFound('Campaign');
    }
    return campaign;
  }

  async list(ctx: RequestContext, accountId?: string | null): Promise<Campaign[]> {
    const key = requireKey(ctx.caller);
    const where: FilterQuery<Campaign> = key.accountId === null && !accountId ? {} : { account: resolveAccountId(ctx.caller, accountId) };
    if (key.role === ApiKeyRole.SOURCE) {
      Object.assign(where, { id: { $in: await this.approvals.approvedCampaignIds(ctx.em, key.sourceId!) } });
    }
    return ctx.em.find(Campaign, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  private async find(em: EntityManager, id: string): Promise<Campaign> {
    const campaign = await em.findOne(Campaign, { id });
    if (!campaign) throw notFound('Campaign');
    return campaign;
  }
}
