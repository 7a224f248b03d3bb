import { requireIntRange } from '../../shared/validate.js';
import type { FilterQuery } from '@mikro-orm/core';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireAdmin, requireKey, requireReadAccess, resolveAccountId } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { forbidden, notFound } from '../../errors/app-error.js';
import { isPublicId } from '../../shared/ids.js';
import { DeliveryStatus } from './delivery-enums.js';
import type { DeliveryNotifier } from './delivery-notifier.js';
import { Delivery } from './delivery.entity.js';
import { Destination } from './destination.entity.js';

/** Which deliveries a read or a replay covers. */
export interface DeliveryFilterValues {
  accountId?: string | null;
  status?: DeliveryStatus | null;
  destinationId?: string | null;
  campaignId?: string | null;
  leadId?: string | null;
}

/** Most deliveries one page, or one replay, covers. */
export const MAX_DELIVERY_PAGE = 1000;

/** Reads deliveries (ADMIN and READER keys) and replays them (ADMIN keys). */
export class DeliveryService {
  constructor(
    private readonly now: () => Date,
    private readonly notifier?: DeliveryNotifier,
  ) {}

  async list(ctx: RequestContext, filter: DeliveryFilterValues, first: number, offset = 0): Promise<Delivery[]> {
    requireIntRange(first, 'first', 1, MAX_DELIVERY_PAGE);
    requireIntRange(offset, 'offset', 0, 1_000_000);
    return ctx.em.find(Delivery, this.where(ctx, filter), { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first, offset });
  }

  async get(ctx: RequestContext, id: string): Promise<Delivery> {
    const delivery = isPublicId(id) ? await ctx.em.findOne(Delivery, { id }) : null;
    if (!delivery) throw notFound('Delivery');
    const key = requireReadAccess(ctx.caller, delivery.account.id, 'Delivery');
    if (key.role === ApiKeyRole.SOURCE) throw notFound('Delivery');
    return delivery;
  }

  /**
   * Sends a delivery again now, whatever its status, with a fresh budget of its destination's
   * maxAttempts (dead letters are what this is for; a delivered one is sent once more).
   */
  async retry(ctx: RequestContext, id: string): Promise<Delivery> {
    const delivery = await this.get(ctx, id);
    requireAdmin(ctx.caller, delivery.account.id);
    await this.requeue(ctx, [delivery]);
    await ctx.em.refresh(delivery);
    return delivery;
  }

  /** Replays every matching delivery (DEAD_LETTER unless `status` says otherwise), at most 1000 per call; returns how many. */
  async retryMany(ctx: RequestContext, filter: DeliveryFilterValues): Promise<number> {
    const where = this.where(ctx, { ...filter, status: filter.status ?? DeliveryStatus.DEAD_LETTER });
    const key = requireKey(ctx.caller);
    if (key.role !== ApiKeyRole.ADMIN) throw forbidden('This operation needs an ADMIN key');
    const deliveries = await ctx.em.find(Delivery, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: MAX_DELIVERY_PAGE });
    return this.requeue(ctx, deliveries);
  }

  private async requeue(ctx: RequestContext, deliveries: Delivery[]): Promise<number> {
    if (!deliveries.length) return 0;
    const now = this.now();
    const destinations = new Map(
      (await ctx.em.find(Destination, { id: { $in: [...new Set(deliveries.map((d) => d.destination.id))] } })).map((d) => [d.id, d]),
    );
    await ctx.em.transactional(async (tx) => {
      for (const delivery of deliveries) {
        const budget = delivery.attemptCount + (destinations.get(delivery.destination.id)?.maxAttempts ?? 1);
        const free = { $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] };
        const requeued = await tx.nativeUpdate(
          Delivery,
          { id: delivery.id, ...free },
          {
            status: DeliveryStatus.PENDING,
            nextAttemptAt: now,
            lockedUntil: null,
            claimToken: null,
            updatedAt: now,
            roundStart: delivery.attemptCount,
            maxAttempts: budget,
          },
        );
        // Being sent right now: the worker settles it; only the budget grows, so it is not dead-lettered.
        if (requeued === 0) await tx.nativeUpdate(Delivery, { id: delivery.id }, { maxAttempts: budget, updatedAt: now });
      }
    });
    this.notifier?.notify();
    return deliveries.length;
  }

  private where(ctx: RequestContext, filter: DeliveryFilterValues): FilterQuery<Delivery> {
    const key = requireKey(ctx.caller);
    if (key.role === ApiKeyRole.SOURCE) throw forbidden('A SOURCE key cannot read deliveries');
    const where: Record<string, unknown> =
      key.accountId === null && !filter.accountId ? {} : { account: resolveAccountId(ctx.caller, filter.accountId) };
    if (filter.status) where.status = filter.status;
    if (filter.destinationId) where.destination = filter.destinationId;
    if (filter.leadId) where.lead = filter.leadId;
    if (filter.campaignId) where.lead = { ...(filter.leadId ? { id: filter.leadId } : {}), campaign: filter.campaignId };
    return where as FilterQuery<Delivery>;
  }
}
