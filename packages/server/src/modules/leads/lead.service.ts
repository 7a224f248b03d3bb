import type { FilterQuery } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireReadAccess, requireKey, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { badInput, notFound } from '../../errors/app-error.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { Source } from '../sources/source.entity.js';
import { LeadConnection } from './lead-connection.js';
import type { LeadFilter } from './lead.inputs.js';
import type { LeadStatus } from './lead-enums.js';
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
    const scope = await resolveLeadScope(ctx, filter);
    const conditions: FilterQuery<Lead>[] = [scopeQuery(scope)];
    if (after) {
      const { at, id } = decodeCursor(after);
      conditions.push({ $or: [{ receivedAt: { $lt: at } }, { receivedAt: at, id: { $lt: id } }] });
    }
    const rows = await ctx.em.find(Lead, { $and: conditions }, { orderBy: { receivedAt: 'desc', id: 'desc' }, limit: first + 1 });
    const nodes = rows.slice(0, first);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
    // totalCount is counted only when a query asks for it (from the stats counters).
    return Object.assign(new LeadConnection(), {
      edges,
      nodes,
      scope,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    });
  }
}

/** Most campaigns or sources one filter may name. */
export const MAX_FILTER_IDS = 100;

/** A lead filter checked against what the caller may read: one account, and the ids it narrows to. */
export interface LeadScope {
  accountId: string;
  /** null: every campaign of the account. */
  campaignIds: string[] | null;
  /** null: every source (a SOURCE key: always its own). */
  sourceIds: string[] | null;
  status: LeadStatus | null;
  includeTest: boolean;
  from: Date | null;
  to: Date | null;
}

/** The distinct ids of a filter's single and list forms; null when it names none. */
function idsOf(one: string | null | undefined, many: readonly string[] | null | undefined, field: string): string[] | null {
  if (one == null && many == null) return null;
  const ids = [...new Set([...(one != null ? [one] : []), ...(many ?? [])])];
  if (ids.length === 0) throw badInput(`${field} must name at least one id; leave it out for all`, { field });
  if (ids.length > MAX_FILTER_IDS) throw badInput(`${field} may name at most ${MAX_FILTER_IDS} ids`, { field });
  return ids;
}

/**
 * Checks a lead filter against the caller (shared by lists, stats and exports): every campaign and
 * source it names must exist and be readable, all in one account; a SOURCE key reads its own
 * source only. Records of other accounts are NOT_FOUND.
 */
export async function resolveLeadScope(ctx: RequestContext, filter: LeadFilter): Promise<LeadScope> {
  const key = requireKey(ctx.caller);
  let accountId = filter.accountId ?? null;
  const named = new Set<string>();
  const campaignIds = idsOf(filter.campaignId, filter.campaignIds, 'campaignIds');
  const sourceIds = idsOf(filter.sourceId, filter.sourceIds, 'sourceIds');
  for (const [entity, ids, what] of [
    [Campaign, campaignIds, 'Campaign'],
    [Source, sourceIds, 'Source'],
  ] as const) {
    if (!ids?.length) continue;
    const found = await ctx.em.find(entity as typeof Campaign, { id: { $in: ids } }, { fields: ['id', 'account'] });
    if (found.length !== ids.length) throw notFound(what);
    for (const row of found) {
      requireReadAccess(ctx.caller, row.account.id, what);
      named.add(row.account.id);
    }
  }
  if (named.size > 1)
    throw badInput('A filter covers one account: its campaigns and sources must all belong to it', { field: 'campaignIds' });
  accountId ??= [...named][0] ?? null;
  accountId = resolveAccountId(ctx.caller, accountId);
  if (named.size === 1 && !named.has(accountId)) throw notFound(campaignIds?.length ? 'Campaign' : 'Source');
  let sources = sourceIds;
  if (key.role === ApiKeyRole.SOURCE) {
    if (sourceIds && sourceIds.some((id) => id !== key.sourceId)) throw notFound('Source');
    sources = [key.sourceId!];
  }
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime())
    throw badInput('from must not be after to', { field: 'from' });
  return {
    accountId,
    campaignIds,
    sourceIds: sources,
    status: filter.status ?? null,
    includeTest: filter.includeTest ?? false,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}

/** A checked scope as a query on leads. */
export function scopeQuery(scope: LeadScope): FilterQuery<Lead> {
  const where: Record<string, unknown> = { account: scope.accountId };
  if (scope.campaignIds) where.campaign = scope.campaignIds.length === 1 ? scope.campaignIds[0] : { $in: scope.campaignIds };
  if (scope.sourceIds) where.source = scope.sourceIds.length === 1 ? scope.sourceIds[0] : { $in: scope.sourceIds };
  if (scope.status) where.status = scope.status;
  if (!scope.includeTest) where.isTest = false;
  if (scope.from || scope.to) {
    where.receivedAt = { ...(scope.from ? { $gte: scope.from } : {}), ...(scope.to ? { $lt: scope.to } : {}) };
  }
  return where as FilterQuery<Lead>;
}
