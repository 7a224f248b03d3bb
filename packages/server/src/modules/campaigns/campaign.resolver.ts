import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Campaign } from './campaign.entity.js';
import { CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs.js';
import { CampaignService } from './campaign.service.js';

@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(private readonly campaignService: CampaignService) {}

  @Mutation(() => Campaign)
  createCampaign(@Arg('input', () => CreateCampaignInput) input: CreateCampaignInput, @Ctx() ctx: RequestContext) {
    return this.campaignService.create(ctx, input);
  }

  @Mutation(() => Campaign)
  updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCampaignInput) input: UpdateCampaignInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.campaignService.update(ctx, id, input);
  }

  @Query(() => Campaign)
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.campaignService.get(ctx, id);
  }

  @Query(() => [Campaign], { description: "The account's campaigns (a SOURCE key: those it is approved for)." })
  campaigns(@Arg('accountId', () => ID, { nullable: true }) accountId: string | null, @Ctx() ctx: RequestContext) {
    return this.campaignService.list(ctx, accountId);
  }
}
