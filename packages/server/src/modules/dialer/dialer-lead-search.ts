import type { FilterQuery } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors/app-error.js';
import { requireIntRange } from '../../shared/validate.js';
import { parseWallClock } from '../../shared/wall-clock.js';
import { Account } from '../accounts/account.entity.js';
import type { Lead } from '../leads/lead.entity.js';
import { DialerLead } from './dialer-lead.entity.js';
import { dialerPhone } from './dialer-phone.js';

/** Most leads one page of a search returns, as the reference allows. */
export const MAX_LEAD_SEARCH_PAGE = 2000;
/** Furthest offset of a search. */
export const MAX_LEAD_SEARCH_OFFSET = 1_000_000;

/** A search of dialer leads: every filter optional; dates are the account's wall clock (`YYYY-MM-DD[ hh:mm:ss]`). */
export interface DialerLeadSearch {
  accountId?: string | null;
  /** The dialer lead id (`lead_id`). */
  id?: number | null;
  listId?: number | null;
  phone?: string | null;
  email?: string | null;
  first?: string | null;
  last?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
  createdFrom?: string | null;
  createdTo?: string | null;
  updatedFrom?: string | null;
  updatedTo?: string | null;
  offset: number;
  limit: number;
}

/** A page of dialer leads (lists and leads loaded), with the account's time zone for showing dates. */
export interface DialerLeadPage {
  total: number;
  rows: DialerLead[];
  timeZone: string;
}

/**
 * Searches an account's dialer leads, oldest first. ADMIN and READER keys see every lead of the
 * account, a SOURCE key only the leads it inserted. Exact matches (email and state ignore case),
 * date ranges inclusive.
 */
export async function searchDialerLeads(ctx: RequestContext, filter: DialerLeadSearch): Promise<DialerLeadPage> {
  requireIntRange(filter.limit, 'limit', 1, MAX_LEAD_SEARCH_PAGE);
  requireIntRange(filter.offset, 'offset', 0, MAX_LEAD_SEARCH_OFFSET);
  const key = requireKey(ctx.caller);
  const accountId = resolveAccountId(ctx.caller, filter.accountId);
  if (key.role === ApiKeyRole.SOURCE && !key.sourceId) throw forbidden('This key may not read leads');
  const account = await ctx.em.findOne(Account, { id: accountId });
  if (!account) throw notFound('Account');
  const zone = account.timeZone;
  const at = (text: string | null | undefined, field: string, endOfDay: boolean): Date | null => {
    if (!text) return null;
    const date = parseWallClock(text, zone);
    if (!date) throw badInput(`${field} must be a date and time such as 2026-03-03 10:30:00`, { field });
    // A date alone as an upper bound means the whole day.
    return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? new Date(date.getTime() + 86_399_999) : date;
  };
  const range = (from: Date | null, to: Date | null) =>
    from || to ? { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } : undefined;
  const lead: FilterQuery<Lead> = {};
  if (filter.email) lead.email = filter.email.trim().toLowerCase();
  if (filter.first) lead.first = filter.first.trim();
  if (filter.last) lead.last = filter.last.trim();
  if (filter.city) lead.city = filter.city.trim();
  if (filter.state) lead.state = filter.state.trim().toUpperCase();
  if (filter.zip) lead.zip = filter.zip.trim();
  if (key.role === ApiKeyRole.SOURCE) lead.source = key.sourceId!;
  const where: FilterQuery<DialerLead> = { account: accountId };
  if (filter.id != null) where.id = filter.id;
  if (filter.listId != null) where.list = filter.listId;
  if (filter.phone) {
    const phone = dialerPhone(filter.phone);
    if (!phone) return { total: 0, rows: [], timeZone: zone };
    where.phone = phone;
  }
  const created = range(at(filter.createdFrom, 'created_at_start_date', false), at(filter.createdTo, 'created_at_end_date', true));
  if (created) where.createdAt = created;
  const updated = range(at(filter.updatedFrom, 'updated_at_start_date', false), at(filter.updatedTo, 'updated_at_end_date', true));
  if (updated) where.updatedAt = updated;
  if (Object.keys(lead).length) where.lead = lead;
  const [rows, total] = await ctx.em.findAndCount(DialerLead, where, {
    populate: ['lead'],
    orderBy: { id: 'asc' },
    limit: filter.limit,
    offset: filter.offset,
  });
  return { total, rows, timeZone: zone };
}
