import { requireIntRange } from '../../shared/validate.js';
import { parseWallClock } from '../../shared/wall-clock.js';
import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import { requireAdmin, requireStaffRead, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, conflict, notFound } from '../../errors/app-error.js';
import { Account } from '../accounts/account.entity.js';
import { DialerCampaignService } from './dialer-campaign.service.js';
import { DialerCampaign } from './dialer-campaign.entity.js';
import { dialerPhone } from './dialer-phone.js';
import { ACCOUNT_DNC_SCOPE, DncNumber, PURPOSE_DNC_SCOPE } from './dnc-number.entity.js';

/** The `dialerCampaignId` that names the purpose list (the dialer door's `campaign_id=-1`). */
export const PURPOSE_LIST_ID = '-1';

/** A number and the DNC list it is about, as the DNC operations name them. */
export interface DncTarget {
  accountId?: string | null;
  /** The dialer campaign's list; null, absent or "0" for the account-wide list, "-1" for the purpose list. */
  dialerCampaignId?: string | null;
  phone: string;
  /** Default "1". */
  phoneCode?: string | null;
}

/** What an entry keeps besides its number: free text, and the dialer door's reason and purpose. */
export interface DncDetails {
  note?: string | null;
  reason?: string | null;
  purpose?: string | null;
}

/** The answer of a DNC check. */
export interface DncCheck {
  /** The number checked, E.164. */
  phone: string;
  listed: boolean;
  /** The entries that list it: the account-wide one, the purpose list's and, when a dialer campaign was named, its own. */
  entries: DncNumber[];
}

/** A text filter of a DNC search: entries with exactly this value, or with none (`BLANK`) or any (`NOT_BLANK`). */
export type DncTextFilter = { equals: string } | 'BLANK' | 'NOT_BLANK';

/** A DNC search: every filter is optional; no list named searches every list of the account. */
export interface DncSearch {
  accountId?: string | null;
  /** One list: null or "0" for the account-wide list, "-1" for the purpose list, else a dialer campaign; undefined for all. */
  dialerCampaignId?: string | null;
  id?: number | null;
  phone?: string | null;
  phoneCode?: string | null;
  /** Entries added at or after this wall-clock time of the account (`YYYY-MM-DD[ hh:mm[:ss]]`). */
  insertDate?: string | null;
  reason?: DncTextFilter | null;
  purpose?: DncTextFilter | null;
  offset: number;
  limit: number;
}

/** A page of a DNC search, with the account's time zone for showing dates. */
export interface DncPage {
  total: number;
  entries: DncNumber[];
  timeZone: string;
  /** Names of the dialer campaigns the entries name. */
  campaignNames: Map<number, string>;
}

/** Most numbers one page of {@link DncService.list} or {@link DncService.search} returns. */
export const MAX_DNC_PAGE = 1000;
/** Furthest offset of a search, as the reference allows. */
export const MAX_DNC_OFFSET = 100_000;

/**
 * Do Not Call lists: one per account, the account's purpose list, and one per dialer campaign.
 * ADMIN keys add and remove numbers; ADMIN and READER keys check, search and list them. Numbers
 * are compared in E.164.
 */
export class DncService {
  constructor(private readonly campaigns = new DialerCampaignService()) {}

  /** Adds a number; adding one already on the list returns the existing entry, unchanged, with `created` false. */
  async add(ctx: RequestContext, target: DncTarget & DncDetails): Promise<{ entry: DncNumber; created: boolean }> {
    const { accountId, dialerCampaign, scope, phone } = await this.resolve(ctx, target);
    requireAdmin(ctx.caller, accountId);
    const note = optionalText(target.note, 'note', 500);
    const reason = optionalText(target.reason, 'reason', 100);
    const purpose = optionalText(target.purpose, 'purpose', 100);
    const where = { account: accountId, scope, phone };
    const existing = await ctx.em.findOne(DncNumber, where);
    if (existing) return { entry: existing, created: false };
    const entry = ctx.em.create(DncNumber, {
      account: ctx.em.getReference(Account, accountId),
      scope,
      dialerCampaign,
      phone,
      note,
      reason,
      purpose,
    });
    try {
      await ctx.em.flush();
      return { entry, created: true };
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // Added concurrently by another request: the number is listed either way, unless a third
      // one removed it meanwhile.
      const listed = await ctx.em.fork().findOne(DncNumber, where);
      if (!listed) throw conflict('The number was added and removed by other requests at the same time; retry');
      return { entry: listed, created: false };
    }
  }

  /** Removes a number from the list; false when it was not on it. */
  async remove(ctx: RequestContext, target: DncTarget): Promise<boolean> {
    const { accountId, scope, phone } = await this.resolve(ctx, target);
    requireAdmin(ctx.caller, accountId);
    const removed = await ctx.em.nativeDelete(DncNumber, { account: accountId, scope, phone });
    return removed > 0;
  }

  /** Whether a number is on the account-wide list, the purpose list, or the named dialer campaign's. */
  async check(ctx: RequestContext, target: DncTarget): Promise<DncCheck> {
    const { accountId, dialerCampaign, phone } = await this.resolve(ctx, target);
    requireStaffRead(ctx.caller, accountId, 'DNC number');
    const entries = await ctx.em.find(DncNumber, dncWhere(accountId, dialerCampaign?.id ?? null, phone), { orderBy: { id: 'asc' } });
    return { phone, listed: entries.length > 0, entries };
  }

  /** The entries matching every filter given, oldest first, and how many match in all. */
  async search(ctx: RequestContext, filter: DncSearch): Promise<DncPage> {
    requireIntRange(filter.limit, 'limit', 1, MAX_DNC_PAGE);
    requireIntRange(filter.offset, 'offset', 0, MAX_DNC_OFFSET);
    const listed = filter.dialerCampaignId === undefined ? null : await this.listOf(ctx, filter.dialerCampaignId, filter.accountId);
    const accountId = listed?.accountId ?? resolveAccountId(ctx.caller, filter.accountId);
    requireStaffRead(ctx.caller, accountId, 'DNC number');
    const where: FilterQuery<DncNumber> = { account: accountId };
    const and: Array<FilterQuery<DncNumber>> = [];
    if (listed) where.scope = listed.scope;
    if (filter.id != null) where.id = filter.id;
    if (filter.phone) {
      const phone = dialerPhone(filter.phone, filter.phoneCode);
      if (!phone) throw badInput('phone must be a possible US phone number (country code 1)', { field: 'phone' });
      where.phone = phone;
    }
    const account = await ctx.em.findOne(Account, { id: accountId });
    if (!account) throw notFound('Account');
    if (filter.insertDate) {
      const from = parseWallClock(filter.insertDate, account.timeZone);
      if (!from) throw badInput('insert_date must be a date and time such as 2026-03-03 10:30:00', { field: 'insert_date' });
      where.createdAt = { $gte: from };
    }
    for (const field of ['reason', 'purpose'] as const) {
      const f = filter[field];
      if (!f) continue;
      if (f === 'BLANK') and.push({ [field]: null });
      else if (f === 'NOT_BLANK') and.push({ [field]: { $ne: null } });
      else and.push({ [field]: f.equals });
    }
    if (and.length) where.$and = and;
    const [entries, total] = await ctx.em.findAndCount(DncNumber, where, {
      orderBy: { id: 'asc' },
      limit: filter.limit,
      offset: filter.offset,
    });
    const ids = [...new Set(entries.map((e) => e.dialerCampaignId).filter((id): id is number => id !== null))];
    const campaigns = ids.length ? await ctx.em.find(DialerCampaign, { id: { $in: ids } }, { fields: ['id', 'name'] }) : [];
    return { total, entries, timeZone: account.timeZone, campaignNames: new Map(campaigns.map((c) => [c.id, c.name])) };
  }

  /** The numbers of one list (the account-wide one unless a dialer campaign is named), oldest first. */
  async list(
    ctx: RequestContext,
    filter: { accountId?: string | null; dialerCampaignId?: string | null; first: number; offset: number },
  ): Promise<DncNumber[]> {
    requireIntRange(filter.first, 'first', 1, MAX_DNC_PAGE);
    requireIntRange(filter.offset, 'offset', 0, 1_000_000);
    const { accountId, scope } = await this.listOf(ctx, filter.dialerCampaignId ?? null, filter.accountId);
    requireStaffRead(ctx.caller, accountId, 'DNC number');
    return ctx.em.find(DncNumber, { account: accountId, scope }, { orderBy: { id: 'asc' }, limit: filter.first, offset: filter.offset });
  }

  /** The account and scope of the list `dialerCampaignId` names (null or "0": account-wide; "-1": purpose). */
  private async listOf(
    ctx: RequestContext,
    dialerCampaignId: string | null,
    requestedAccount?: string | null,
  ): Promise<{ accountId: string; scope: string; dialerCampaign: DialerCampaign | null }> {
    const id = dialerCampaignId?.trim() || '0';
    if (id === '0' || id === PURPOSE_LIST_ID) {
      return {
        accountId: resolveAccountId(ctx.caller, requestedAccount),
        scope: id === '0' ? ACCOUNT_DNC_SCOPE : PURPOSE_DNC_SCOPE,
        dialerCampaign: null,
      };
    }
    const dialerCampaign = await this.campaigns.get(ctx, id);
    const accountId = resolveAccountId(ctx.caller, requestedAccount ?? dialerCampaign.account.id);
    if (dialerCampaign.account.id !== accountId) throw notFound('Dialer campaign');
    return { accountId, scope: String(dialerCampaign.id), dialerCampaign };
  }

  private async resolve(
    ctx: RequestContext,
    target: DncTarget,
  ): Promise<{ accountId: string; scope: string; dialerCampaign: DialerCampaign | null; phone: string }> {
    const list = await this.listOf(ctx, target.dialerCampaignId ?? null, target.accountId);
    const phone = dialerPhone(target.phone ?? '', target.phoneCode);
    if (!phone) throw badInput('phone must be a possible US phone number (country code 1)', { field: 'phone' });
    return { ...list, phone };
  }
}

/** A trimmed optional text of at most `max` characters without NUL, or null. */
function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const text = value?.trim() || null;
  if (text && (text.length > max || text.includes('\u0000')))
    throw badInput(`${field} must be at most ${max} characters, without NUL characters`, { field });
  return text;
}

function dncWhere(accountId: string, dialerCampaignId: number | null, phone: string): FilterQuery<DncNumber> {
  const scopes = [ACCOUNT_DNC_SCOPE, PURPOSE_DNC_SCOPE, ...(dialerCampaignId === null ? [] : [String(dialerCampaignId)])];
  return { account: accountId, phone, scope: { $in: scopes } };
}
