import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Destination } from './destination.entity.js';
import { CreateDestinationInput, DestinationWithSecret, UpdateDestinationInput } from './destination.inputs.js';
import { DestinationService } from './destination.service.js';

@Resolver(() => Destination)
export class DestinationResolver {
  constructor(
    private readonly destinationService: DestinationService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  @Mutation(() => DestinationWithSecret, {
    description: "Adds a destination for a campaign's accepted leads or a buyer's sold leads; the signing secret is shown once. ADMIN key.",
  })
  createDestination(@Arg('input', () => CreateDestinationInput) input: CreateDestinationInput, @Ctx() ctx: RequestContext) {
    return this.destinationService.create(ctx, input);
  }

  @Mutation(() => Destination, { description: 'Changes a destination; omitted fields keep their value. ADMIN key.' })
  updateDestination(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDestinationInput) input: UpdateDestinationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.destinationService.update(ctx, id, input);
  }

  @Mutation(() => DestinationWithSecret, { description: 'A new signing secret, shown once; the old one stops at once. ADMIN key.' })
  rotateDestinationSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.destinationService.rotateSecret(ctx, id);
  }

  @Mutation(() => ID, {
    description: 'Deletes a destination (returns its id): no new deliveries, pending ones dead-lettered, history kept. ADMIN key.',
  })
  deleteDestination(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.destinationService.delete(ctx, id, this.now());
  }

  @Query(() => Destination)
  destination(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.destinationService.get(ctx, id);
  }

  @Query(() => [Destination], { description: 'Destinations, oldest first (ADMIN and READER keys).' })
  destinations(
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('campaignId', () => ID, { nullable: true }) campaignId?: string | null,
    @Arg('buyerId', () => ID, { nullable: true }) buyerId?: string | null,
  ) {
    return this.destinationService.list(ctx, { accountId, campaignId, buyerId });
  }
}
