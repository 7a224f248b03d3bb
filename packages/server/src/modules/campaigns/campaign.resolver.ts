import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Campaign } from './campaign.entity.js';
import { CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs.js';
import { CampaignService } from './campaign.service.js';
import { ListMode } from './requirement-enums.js';
import { ZipTargetingService } from './zip-targeting.service.js';

@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(
    private readonly campaignService: CampaignService,
    private readonly zipTargeting: ZipTargetingService,
  ) {}

  @Mutation(() => Campaign, {
    description:
      'Replaces the zip list (from `zips` or a CSV text in `csv`) and its mode. For big files, PUT text/csv to /campaigns/{id}/zips.csv.',
  })
  setZipTargeting(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('mode', () => ListMode) mode: ListMode,
    @Ctx() ctx: RequestContext,
    @Arg('zips', () => [String], { nullable: true }) zips?: string[] | null,
    @Arg('csv', () => String, { nullable: true }) csv?: string | null,
  ) {
    return this.zipTargeting.replace(ctx, campaignId, mode, csv ?? zips ?? []);
  }

  @Mutation(() => Campaign, { description: 'Turns zip targeting off and empties the list.' })
  clearZipTargeting(@Arg('campaignId', () => ID) campaignId: string, @Ctx() ctx: RequestContext) {
    return this.zipTargeting.clear(ctx, campaignId);
  }

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
