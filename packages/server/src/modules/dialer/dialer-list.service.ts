import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireKey, requireStaffRead, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../errors/app-error.js';
import { isSqlite } from '../../shared/row-lock.js';
import { requireIntRange, requireText } from '../../shared/validate.js';
import { DialerCampaignService } from './dialer-campaign.service.js';
import { parseDialerId } from './dialer-ids.js';
import type { CreateDialerListInput, UpdateDialerListInput } from './dialer-list.inputs.js';
import { DialerLead } from './dialer-lead.entity.js';
import { DialerList } from './dialer-list.entity.js';

/** Which lists {@link DialerListService.list} returns. */
export interface DialerListFilter {
  accountId?: string | null;
  dialerCampaignId?: string | null;
  /** Default `false`. */
  includeArchived?: boolean | null;
}

/** Dialer lists: ADMIN keys manage them, ADMIN and READER keys of the account read them. */
export class DialerListService {
  constructor(private readonly campaigns = new DialerCampaignService()) {}

  async create(ctx: RequestContext, input: CreateDialerListInput): Promise<DialerList> {
    const dialerCampaign = await this.campaigns.get(ctx, input.dialerCampaignId);
    requireAdmin(ctx.caller, dialerCampaign.account.id);
    const name = requireText(input.name, 'name', 200);
    if (input.listId == null) {
      const list = ctx.em.create(DialerList, { account: dialerCampaign.account, dialerCampaign, name });
      await ctx.em.flush();
      return list;
    }
    const id = requireIntRange(input.listId, 'listId', 1, 2_147_483_647);
    if (await ctx.em.findOne(DialerList, { id }, { fields: ['id'] })) throw conflict(`The list id ${id} is already taken`);
    try {
      await ctx.em.transactional(async (tx) => {
        await tx.insert(DialerList, {
          id,
          account: dialerCampaign.account.id,
          dialerCampaign: dialerCampaign.id,
          name,
          archived: false,
          createdAt: new Date(),
        });
        // PostgreSQL's sequence does not see an id given by hand: move it past, so generated ids never collide.
        if (!isSqlite(tx)) {
          await (tx as SqlEntityManager).execute(
            `select setval(pg_get_serial_sequence('dialer_lists', 'id'), greatest(?, (select coalesce(max(id), 1) from dialer_lists)))`,
            [id],
          );
        }
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict(`The list id ${id} is already taken`);
      throw error;
    }
    return ctx.em.findOneOrFail(DialerList, { id });
  }

  async update(ctx: RequestContext, id: string, input: UpdateDialerListInput): Promise<DialerList> {
    const list = await this.get(ctx, id);
    requireAdmin(ctx.caller, list.account.id);
    if (input.name != null) list.name = requireText(input.name, 'name', 200);
    await ctx.em.flush();
    return list;
  }

  /**
   * Archives a list (or restores it with `archived: false`). An archived list refuses inserts,
   * its leads leave duplicate checks except with check_dup_archive, and its hopper entries stay
   * as they are.
   */
  async archive(ctx: RequestContext, id: string, archived: boolean, now: Date): Promise<DialerList> {
    const list = await this.get(ctx, id);
    requireAdmin(ctx.caller, list.account.id);
    if (list.archived !== archived) {
      list.archived = archived;
      list.archivedAt = archived ? now : null;
      await ctx.em.flush();
    }
    return list;
  }

  /** Deletes a list that never received a lead (returns its id); archive one that has. */
  async delete(ctx: RequestContext, id: string): Promise<number> {
    const list = await this.get(ctx, id);
    requireAdmin(ctx.caller, list.account.id);
    if ((await ctx.em.count(DialerLead, { list })) > 0) throw conflict('This list has leads; archive it instead');
    await ctx.em.removeAndFlush(list);
    return list.id;
  }

  async get(ctx: RequestContext, id: string): Promise<DialerList> {
    const numeric = parseDialerId(id);
    const list = numeric === null ? null : await ctx.em.findOne(DialerList, { id: numeric });
    if (!list) throw notFound('List');
    requireStaffRead(ctx.caller, list.account.id, 'List');
    return list;
  }

  async list(ctx: RequestContext, filter: DialerListFilter): Promise<DialerList[]> {
    const key = requireKey(ctx.caller);
    if (key.role === ApiKeyRole.SOURCE) throw forbidden('A SOURCE key cannot list dialer lists');
    const where: FilterQuery<DialerList> = {};
    if (filter.dialerCampaignId) {
      where.dialerCampaign = (await this.campaigns.get(ctx, filter.dialerCampaignId)).id;
    } else if (key.accountId !== null || filter.accountId) {
      where.account = resolveAccountId(ctx.caller, filter.accountId);
    }
    if (!filter.includeArchived) where.archived = false;
    return ctx.em.find(DialerList, where, { orderBy: { id: 'asc' } });
  }
}
