import { requireIntRange } from '../../shared/validate.js';
import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { requireAdmin, requireStaffRead, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { Account } from '../accounts/account.entity.js';
import { DialerCampaignService } from './dialer-campaign.service.js';
import type { DialerCampaign } from './dialer-campaign.entity.js';
import { dialerPhone } from './dialer-phone.js';
import { ACCOUNT_DNC_SCOPE, DncNumber } from './dnc-number.entity.js';

/** A number and the DNC list it is about, as the DNC operations name them. */
export interface DncTarget {
  accountId?: string | null;
  /** The dialer campaign's list; null or absent for the account-wide list. */
  dialerCampaignId?: string | null;
  phone: string;
  /** Default "1". */
  phoneCode?: string | null;
}

/** The answer of a DNC check. */
export interface DncCheck {
  /** The number checked, E.164. */
  phone: string;
  listed: boolean;
  /** The entries that list it: the account-wide one and, when a dialer campaign was named, its own. */
  entries: DncNumber[];
}

/** Most numbers one page of {@link DncService.list} returns. */
export const MAX_DNC_PAGE = 1000;

/**
 * Do Not Call lists: one per account and one per dialer campaign. ADMIN keys add and remove
 * numbers; ADMIN and READER keys check and list them. Numbers are compared in E.164.
 */
export class DncService {
  constructor(private readonly campaigns = new DialerCampaignService()) {}

  /** Adds a number (adding one already listed returns the existing entry). */
  async add(ctx: RequestContext, target: DncTarget & { note?: string | null }): Promise<DncNumber> {
    const { accountId, dialerCampaign, phone } = await this.resolve(ctx, target);
    requireAdmin(ctx.caller, accountId);
    const note = target.note?.trim() || null;
    if (note && (note.length > 500 || note.includes('\u0000'))) throw badInput('note must be at most 500 characters, without NUL characters', { field: 'note' });
    const where = { account: accountId, scope: scopeOf(dialerCampaign), phone };
    const existing = await ctx.em.findOne(DncNumber, where);
    if (existing) return existing;
    const entry = ctx.em.create(DncNumber, { account: ctx.em.getReference(Account, accountId), scope: scopeOf(dialerCampaign), dialerCampaign, phone, note });
    try {
      await ctx.em.flush();
      return entry;
    } catch (error) {
      // Added concurrently by another request: the number is listed either way.
      if (error instanceof UniqueConstraintViolationException) return ctx.em.fork().findOneOrFail(DncNumber, where);
      throw error;
    }
  }

  /** Removes a number from the list; false when it was not on it. */
  async remove(ctx: RequestContext, target: DncTarget): Promise<boolean> {
    const { accountId, dialerCampaign, phone } = await this.resolve(ctx, target);
    requireAdmin(ctx.caller, accountId);
    const removed = await ctx.em.nativeDelete(DncNumber, { account: accountId, scope: scopeOf(dialerCampaign), phone });
    return removed > 0;
  }

  /** Whether a number is on the account-wide list, or on the named dialer campaign's. */
  async check(ctx: RequestContext, target: DncTarget): Promise<DncCheck> {
    const { accountId, dialerCampaign, phone } = await this.resolve(ctx, target);
    requireStaffRead(ctx.caller, accountId, 'DNC number');
    const entries = await ctx.em.find(DncNumber, dncWhere(accountId, dialerCampaign?.id ?? null, phone), { orderBy: { createdAt: 'asc', id: 'asc' } });
    return { phone, listed: entries.length > 0, entries };
  }

  /** The numbers of one list (the account-wide one unless a dialer campaign is named), oldest first. */
  async list(ctx: RequestContext, filter: { accountId?: string | null; dialerCampaignId?: string | null; first: number; offset: number }): Promise<DncNumber[]> {
    requireIntRange(filter.first, 'first', 1, MAX_DNC_PAGE);
    requireIntRange(filter.offset, 'offset', 0, 1_000_000);
    const dialerCampaign = filter.dialerCampaignId ? await this.campaigns.get(ctx, filter.dialerCampaignId) : null;
    const accountId = dialerCampaign ? dialerCampaign.account.id : resolveAccountId(ctx.caller, filter.accountId);
    requireStaffRead(ctx.caller, accountId, 'DNC number');
    return ctx.em.find(DncNumber, { account: accountId, scope: scopeOf(dialerCampaign) }, {
      orderBy: { createdAt: 'asc', id: 'asc' }, limit: filter.first, offset: filter.offset,
    });
  }

  /** Whether `phone` (E.164) is on the account's list or on dialer campaign `dialerCampaignId`'s: the insert's check_dnc. */
  static async isListed(em: EntityManager, accountId: string, dialerCampaignId: number, phone: string): Promise<boolean> {
    return (await em.count(DncNumber, dncWhere(accountId, dialerCampaignId, phone))) > 0;
  }

  private async resolve(ctx: RequestContext, target: DncTarget): Promise<{ accountId: string; dialerCampaign: DialerCampaign | null; phone: string }> {
    const dialerCampaign = target.dialerCampaignId ? await this.campaigns.get(ctx, target.dialerCampaignId) : null;
    const accountId = dialerCampaign ? resolveAccountId(ctx.caller, target.accountId ?? dialerCampaign.account.id) : resolveAccountId(ctx.caller, target.accountId);
    if (dialerCampaign && dialerCampaign.account.id !== accountId) throw notFound('Dialer campaign');
    const phone = dialerPhone(target.phone ?? '', target.phoneCode);
    if (!phone) throw badInput('phone must be a possible US phone number (country code 1)', { field: 'phone' });
    return { accountId, dialerCampaign, phone };
  }
}

const scopeOf = (dialerCampaign: DialerCampaign | null): string => (dialerCampaign ? String(dialerCampaign.id) : ACCOUNT_DNC_SCOPE);

function dncWhere(accountId: string, dialerCampaignId: number | null, phone: string): FilterQuery<DncNumber> {
  const scopes = dialerCampaignId === null ? [ACCOUNT_DNC_SCOPE] : [ACCOUNT_DNC_SCOPE, String(dialerCampaignId)];
  return { account: accountId, phone, scope: { $in: scopes } };
}
