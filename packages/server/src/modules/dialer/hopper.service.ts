import { requireIntRange } from '../../shared/validate.js';
import { raw, type EntityManager } from '@mikro-orm/core';
import { requireAdmin, requireStaffRead } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { notFound } from '../../errors/app-error.js';
import { isPublicId } from '../../shared/ids.js';
import type { DialerLead } from './dialer-lead.entity.js';
import { DialerListService } from './dialer-list.service.js';
import type { DialerList } from './dialer-list.entity.js';
import { HopperEntry } from './hopper-entry.entity.js';
import { HopperStatus } from './hopper-status.js';

/** Most entries one hopper read returns. */
export const MAX_HOPPER_PAGE = 1000;

/** What {@link HopperService.enqueue} puts in the hopper. */
export interface HopperPlacement {
  list: DialerList;
  dialerLead: DialerLead;
  /** 0-99, higher first. */
  priority: number;
  /** null: it never expires. */
  expiresAt: Date | null;
}

/**
 * The hopper: leads queued to be dialed, read highest priority first, then oldest first. Expiry
 * needs no timer: reads never return an entry past its expiry, and each read of a list first
 * records the list's expired entries as EXPIRED (with the time they expired).
 */
export class HopperService {
  constructor(
    private readonly now: () => Date,
    private readonly lists = new DialerListService(),
  ) {}

  /**
   * Queues a dialer lead, inside the caller's transaction. A lead already waiting keeps its one
   * entry, with the new priority and expiry.
   */
  static async enqueue(tx: EntityManager, placement: HopperPlacement, now: Date): Promise<HopperEntry> {
    const waiting = await tx.findOne(HopperEntry, {
      dialerLead: placement.dialerLead,
      status: HopperStatus.WAITING,
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
    });
    if (waiting) {
      waiting.priority = placement.priority;
      waiting.expiresAt = placement.expiresAt;
      await tx.flush();
      return waiting;
    }
    const entry = tx.create(HopperEntry, {
      account: placement.list.account,
      list: placement.list,
      dialerLead: placement.dialerLead,
      priority: placement.priority,
      insertedAt: now,
      expiresAt: placement.expiresAt,
    });
    await tx.flush();
    return entry;
  }

  /** The waiting entries of a list, in dialing order. */
  async waiting(ctx: RequestContext, listId: string, first: number, offset = 0): Promise<HopperEntry[]> {
    requireIntRange(first, 'first', 1, MAX_HOPPER_PAGE);
    requireIntRange(offset, 'offset', 0, 1_000_000);
    const list = await this.lists.get(ctx, listId);
    const now = this.now();
    await this.recordExpired(ctx.em, list.id, now);
    return ctx.em.find(
      HopperEntry,
      { list, status: HopperStatus.WAITING, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
      {
        orderBy: { priority: 'desc', insertedAt: 'asc', id: 'asc' },
        limit: first,
        offset,
      },
    );
  }

  /** Entries of a list that left the hopper (or any status), newest first, to see what expired or was removed. */
  async history(ctx: RequestContext, listId: string, status: HopperStatus | null, first: number, offset = 0): Promise<HopperEntry[]> {
    requireIntRange(first, 'first', 1, MAX_HOPPER_PAGE);
    requireIntRange(offset, 'offset', 0, 1_000_000);
    const list = await this.lists.get(ctx, listId);
    await this.recordExpired(ctx.em, list.id, this.now());
    return ctx.em.find(
      HopperEntry,
      { list, ...(status ? { status } : {}) },
      { orderBy: { insertedAt: 'desc', id: 'desc' }, limit: first, offset },
    );
  }

  async get(ctx: RequestContext, id: string): Promise<HopperEntry> {
    const found = isPublicId(id) ? await ctx.em.findOne(HopperEntry, { id }) : null;
    if (!found) throw notFound('Hopper entry');
    requireStaffRead(ctx.caller, found.account.id, 'Hopper entry');
    await this.recordExpired(ctx.em, found.list.id, this.now());
    await ctx.em.refresh(found);
    return found;
  }

  /** Takes an entry out of the hopper; an entry that already left (removed or expired) is returned as it is. */
  async remove(ctx: RequestContext, id: string): Promise<HopperEntry> {
    const entry = await this.get(ctx, id);
    requireAdmin(ctx.caller, entry.account.id);
    if (entry.status === HopperStatus.WAITING) {
      const now = this.now();
      // Conditional, so a concurrent removal or expiry recording cannot be overwritten.
      await ctx.em.nativeUpdate(HopperEntry, { id, status: HopperStatus.WAITING }, { status: HopperStatus.REMOVED, leftAt: now });
      await ctx.em.refresh(entry);
    }
    return entry;
  }

  /** Records the list's waiting entries past their expiry as EXPIRED, left at their expiry time. */
  private async recordExpired(em: EntityManager, listId: number, now: Date): Promise<void> {
    await em.nativeUpdate(
      HopperEntry,
      { list: listId, status: HopperStatus.WAITING, expiresAt: { $lte: now } },
      { status: HopperStatus.EXPIRED, leftAt: raw('expires_at') },
    );
  }
}
