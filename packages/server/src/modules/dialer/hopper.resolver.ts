import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { DialerLead } from './dialer-lead.entity.js';
import { HopperEntry } from './hopper-entry.entity.js';
import { HopperStatus } from './hopper-status.js';
import { HopperService } from './hopper.service.js';

@Resolver(() => HopperEntry)
export class HopperResolver {
  constructor(private readonly hopperService: HopperService) {}

  @Query(() => [HopperEntry], {
    description:
      "The leads waiting in a list's hopper, in dialing order: priority (highest first), then oldest first. " +
      'Expired entries are never returned. ADMIN and READER keys.',
  })
  hopper(
    @Arg('listId', () => ID) listId: string,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 1000.' }) first?: number,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'How many to skip, for the next page.' }) offset?: number,
  ) {
    return this.hopperService.waiting(ctx, listId, first ?? 50, offset ?? 0);
  }

  @Query(() => [HopperEntry], { description: "A list's hopper entries of any status (or one), newest first: what expired or was removed." })
  hopperEntries(
    @Arg('listId', () => ID) listId: string,
    @Ctx() ctx: RequestContext,
    @Arg('status', () => HopperStatus, { nullable: true }) status?: HopperStatus | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 1000.' }) first?: number,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'How many to skip, for the next page.' }) offset?: number,
  ) {
    return this.hopperService.history(ctx, listId, status ?? null, first ?? 50, offset ?? 0);
  }

  @Query(() => HopperEntry)
  hopperEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.hopperService.get(ctx, id);
  }

  @Mutation(() => HopperEntry, {
    description: 'Takes an entry out of the hopper (an entry that already left is returned as it is). ADMIN key.',
  })
  removeFromHopper(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.hopperService.remove(ctx, id);
  }

  @FieldResolver(() => DialerLead)
  dialerLead(@Root() entry: HopperEntry, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(DialerLead, { id: entry.dialerLead.id });
  }
}
