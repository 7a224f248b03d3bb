import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { RedistributionService } from './redistribution.service.js';

@Resolver()
export class RoutingResolver {
  constructor(private readonly redistribution: RedistributionService) {}

  @Mutation(() => Int, {
    description: "Offers the campaign's pending leads to its buyers again, oldest first; returns how many were sold.",
  })
  redistributePending(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: RequestContext) {
    return this.redistribution.forCampaign(ctx, campaignId);
  }
}
