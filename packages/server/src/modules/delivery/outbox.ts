import type { EntityData, EntityManager } from '@mikro-orm/core';
import { newId } from '../../shared/ids.js';
import { Delivery } from './delivery.entity.js';
import { DeliveryStatus } from './delivery-enums.js';
import { Destination } from './destination.entity.js';

/** Outbox rows for one lead to each destination, due at once; stored in the transaction that accepts the lead. */
export function deliveryRows(
  accountId: string,
  leadId: string,
  destinations: readonly Destination[],
  now: Date,
): Array<EntityData<Delivery>> {
  return destinations.map((destination) => ({
    id: newId('dlv'),
    account: accountId,
    lead: leadId,
    destination: destination.id,
    status: DeliveryStatus.PENDING,
    attemptCount: 0,
    roundStart: 0,
    maxAttempts: destination.maxAttempts,
    nextAttemptAt: now,
    lockedUntil: null,
    claimToken: null,
    lastError: null,
    deliveredAt: null,
    createdAt: now,
    updatedAt: now,
  }));
}

/** The active destinations of the buyers a lead was sold to, read inside the selling transaction. */
export function buyerDestinations(tx: EntityManager, buyerIds: readonly string[]): Promise<Destination[]> {
  if (buyerIds.length === 0) return Promise.resolve([]);
  return tx.find(Destination, { buyer: { $in: [...buyerIds] }, active: true, deletedAt: null }, { orderBy: { id: 'asc' } });
}
