import { requireStaffRead } from '../../auth/caller.js';
import { requireIntRange } from '../../shared/validate.js';
import { notFound } from '../../errors/app-error.js';
import type { RequestContext } from '../../context.js';
import { normalizePhone } from '../fields/normalize.js';
import { parseDialerId } from './dialer-ids.js';
import { DialerLead } from './dialer-lead.entity.js';
import { DialerListService } from './dialer-list.service.js';

/** Most dialer leads one page returns. */
export const MAX_DIALER_LEAD_PAGE = 500;

/** Reads dialer list memberships (ADMIN and READER keys of the account). */
export class DialerLeadService {
  constructor(private readonly lists = new DialerListService()) {}

  async get(ctx: RequestContext, id: string): Promise<DialerLead> {
    const numeric = parseDialerId(id);
    const found = numeric === null ? null : await ctx.em.findOne(DialerLead, { id: numeric });
    if (!found) throw notFound('Dialer lead');
    requireStaffRead(ctx.caller, found.account.id, 'Dialer lead');
    return found;
  }

  /** A list's leads, newest first, optionally only those with `phone`. */
  async list(ctx: RequestContext, listId: string, filter: { phone?: string | null; first: number; offset: number }): Promise<DialerLead[]> {
    requireIntRange(filter.first, 'first', 1, MAX_DIALER_LEAD_PAGE);
    requireIntRange(filter.offset, 'offset', 0, 1_000_000);
    const list = await this.lists.get(ctx, listId);
    return ctx.em.find(
      DialerLead,
      { list, ...(filter.phone ? { phone: normalizePhone(filter.phone.trim()) } : {}) },
      {
        orderBy: { createdAt: 'desc', id: 'desc' },
        limit: filter.first,
        offset: filter.offset,
      },
    );
  }
}
