import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { DialerCampaign } from './dialer-campaign.entity.js';
import { CreateDialerCampaignInput, UpdateDialerCampaignInput } from './dialer-campaign.inputs.js';
import { DialerCampaignService } from './dialer-campaign.service.js';
import { DialerList } from './dialer-list.entity.js';

@Resolver(() => DialerCampaign)
export class DialerCampaignResolver {
  constructor(private readonly campaigns: DialerCampaignService) {}

  @Mutation(() => DialerCampaign, { description: 'Adds a dialer campaign (a group of lists) over an intake campaign. ADMIN key.' })
  createDialerCampaign(@Arg('input', () => CreateDialerCampaignInput) input: CreateDialerCampaignInput, @Ctx() ctx: RequestContext) {
    return this.campaigns.create(ctx, input);
  }

  @Mutation(() => DialerCampaign, { description: 'Renames a dialer campaign. ADMIN key.' })
  updateDialerCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDialerCampaignInput) input: UpdateDialerCampaignInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.campaigns.update(ctx, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes a dialer campaign without lists (returns its id). ADMIN key.' })
  deleteDialerCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.campaigns.delete(ctx, id);
  }

  @Query(() => DialerCampaign)
  dialerCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.campaigns.get(ctx, id);
  }

  @Query(() => [DialerCampaign], { description: "The account's dialer campaigns, oldest first (ADMIN and READER keys)." })
  dialerCampaigns(@Arg('accountId', () => ID, { nullable: true }) accountId: string | null, @Ctx() ctx: RequestContext) {
    return this.campaigns.list(ctx, accountId);
  }

  @FieldResolver(() => [DialerList], { description: 'Its lists, archived ones included, oldest first.' })
  lists(@Root() dialerCampaign: DialerCampaign, @Ctx() ctx: RequestContext) {
    return ctx.em.find(DialerList, { dialerCampaign }, { orderBy: { id: 'asc' } });
  }
}
