import type { FilterQuery } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireReadAccess, requireKey, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Source } from '../sources/source.entity.js';
import type { LeadConnection } from './lead-connection.js';
import type { LeadFilter } from './lead.inputs.js';
import { Lead } from './lead.entity.js';

/** Default page size of {@link LeadService.list}. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page {@link LeadService.list} returns. */
export const MAX_PAGE_SIZE = 500;

const encodeCursor = (lead: Lead) => Buffer.from(`${lead.receivedAt.getTime()}:${lead.id}`).toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } {
  const match = /^(\d{1,15}):([\w-]{1,40})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after is not a cursor returned by this API', { field: 'after' });
  return { at: new Date(Number(match[1])), id: match[2]! };
}

/** Reads stored leads for the caller's account. */
export class LeadService {
  async get(ctx: RequestContext, id: string): Promise<Lead> {
    const lead = await ctx.em.findOne(Lead, { id });
    if (!lead) throw notFound('Lead');
    const key = requireReadAccess(ctx.caller, lead.account.id, 'Lead');
    if (key.role === ApiKeyRole.SOURCE && lead.source.id !== key.sourceId) throw notFound('Lead');
    return lead;
  }

  /** A page of leads, newest first, with a cursor for the next one. */
  async list(ctx: RequestContext, filter: LeadFilter = {}, first = DEFAULT_PAGE_SIZE, after?: string | null): Promise<LeadConnection> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    const where = await leadScope(ctx, filter);
    const conditions: FilterQuery<Lead>[] = [where];
    if (after) {
      const { at, id } = decodeCursor(after);
      conditions.push({ $or: [{ receivedAt: { $lt: at } }, { receivedAt: at, id: { $lt: id } }] });
    }
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(Lead, { $and: conditions }, { orderBy: { receivedAt: 'desc', id: 'desc' }, limit: first + 1 }),
      ctx.em.count(Lead, where),
    ]);
    const nodes = rows.slice(0, first);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
    return {
      edges,
      nodes,
      totalCount,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}

/** A lead filter as a query, confined to what the caller may read (shared by lists and stats). */
export async function leadScope(ctx: RequestContext, filter: LeadFilter): Promise<FilterQuery<Lead>> {
  const key = requireKey(ctx.caller);
  const where: Record<string, unknown> = {};
  let accountId = filter.accountId ?? null;
  if (filter.campaignId) {
    const campaign = await ctx.em.findOne(Campaign, { id: filter.campaignId });
    if (!campaign) throw notFound('Campaign');
    requireReadAccess(ctx.caller, campaign.account.id, 'Campaign');
    where.campaign = campaign.id;
    accountId ??= campaign.account.id;
  }
  if (filter.sourceId) {
    const source = await ctx.em.findOne(Source, { id: filter.sourceId });
    if (!source) throw notFound('Source');
    requireReadAccess(ctx.caller, source.account.id, 'Source');
    where.source = source.id;
    accountId ??= source.account.id;
  }
  where.account = resolveAccountId(ctx.caller, accountId);
  if (key.role === ApiKeyRole.SOURCE) {
    if (filter.sourceId && filter.sourceId !== key.sourceId) throw notFound('Source');
    where.source = key.sourceId;
  }
  if (filter.status) where.status = filter.status;
  if (!filter.includeTest) where.isTest = false;
  if (filter.from || filter.to) {
    where.receivedAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  }
  return where as FilterQuery<Lead>;
}
