import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import type { RequestContext } from '../../context.js';
import { Lead } from '../leads/lead.entity.js';
import { DeliveryAttempt } from './delivery-attempt.entity.js';
import { DeliveryStatus } from './delivery-enums.js';
import { Delivery } from './delivery.entity.js';
import { DeliveryService } from './delivery.service.js';
import { Destination } from './destination.entity.js';

@InputType()
export class DeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Required with the platform key to narrow to one account.' })
  accountId?: string | null;

  @Field(() => DeliveryStatus, { nullable: true })
  status?: DeliveryStatus | null;

  @Field(() => ID, { nullable: true })
  destinationId?: string | null;

  @Field(() => ID, { nullable: true })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true })
  leadId?: string | null;
}

@Resolver(() => Delivery)
export class DeliveryResolver {
  constructor(private readonly deliveryService: DeliveryService) {}

  @Query(() => [Delivery], { description: 'Deliveries newest first, e.g. the dead letters (status: DEAD_LETTER). ADMIN and READER keys.' })
  deliveries(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => DeliveryFilter, { nullable: true }) filter?: DeliveryFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 1000.' }) first?: number,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'How many to skip, for the next page.' }) offset?: number,
  ) {
    return this.deliveryService.list(ctx, filter ?? {}, first ?? 50, offset ?? 0);
  }

  @Query(() => Delivery)
  delivery(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.deliveryService.get(ctx, id);
  }

  @Mutation(() => Delivery, {
    description: 'Sends a delivery again now with a fresh attempt budget (a dead letter, or any other). ADMIN key.',
  })
  retryDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.deliveryService.retry(ctx, id);
  }

  @Mutation(() => Int, {
    description:
      'Replays the matching deliveries (DEAD_LETTER unless the filter names a status), at most 1000; returns how many. ADMIN key.',
  })
  retryDeliveries(@Ctx() ctx: RequestContext, @Arg('filter', () => DeliveryFilter, { nullable: true }) filter?: DeliveryFilter | null) {
    return this.deliveryService.retryMany(ctx, filter ?? {});
  }

  @FieldResolver(() => [DeliveryAttempt], { description: 'Every attempt, first first.' })
  attempts(@Root() delivery: Delivery, @Ctx() ctx: RequestContext) {
    return ctx.em.find(DeliveryAttempt, { delivery: delivery.id }, { orderBy: { number: 'asc' } });
  }

  @FieldResolver(() => Destination)
  destination(@Root() delivery: Delivery, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(Destination, { id: delivery.destination.id });
  }
}

@Resolver(() => Lead)
export class LeadDeliveriesResolver {
  @FieldResolver(() => [Delivery], { description: 'Where this lead was (or is being) delivered, oldest first; empty for SOURCE keys.' })
  deliveries(@Root() lead: Lead, @Ctx() ctx: RequestContext) {
    // Where a customer sends its leads is not the vendor's business.
    if (ctx.caller.kind === 'key' && ctx.caller.role === ApiKeyRole.SOURCE) return [];
    return ctx.em.find(Delivery, { lead: lead.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }
}
