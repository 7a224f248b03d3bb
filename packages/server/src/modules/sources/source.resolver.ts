import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { SourceCampaign } from './source-campaign.entity.js';
import { Source } from './source.entity.js';
import { ApproveSourceInput, CreateSourceInput, CreateSourcePayload } from './source.inputs.js';
import { SourceService } from './source.service.js';

@Resolver(() => Source)
export class SourceResolver {
  constructor(private readonly sourceService: SourceService) {}

  @Mutation(() => CreateSourcePayload, { description: 'Creates a source; its auth key is in the reply, once.' })
  createSource(@Arg('input', () => CreateSourceInput) input: CreateSourceInput, @Ctx() ctx: RequestContext) {
    return this.sourceService.create(ctx, input);
  }

  @Mutation(() => CreateSourcePayload, { description: 'Gives the source a new auth key, shown once; the old one stops working.' })
  rotateSourceAuthKey(@Arg('sourceId', () => ID) sourceId: string, @Ctx() ctx: RequestContext) {
    return this.sourceService.rotateAuthKey(ctx, sourceId);
  }

  @Mutation(() => SourceCampaign)
  approveSource(@Arg('input', () => ApproveSourceInput) input: ApproveSourceInput, @Ctx() ctx: RequestContext) {
    return this.sourceService.approve(ctx, input);
  }

  @Query(() => [Source], { description: "The account's sources (a SOURCE key: its own)." })
  sources(@Arg('accountId', () => ID, { nullable: true }) accountId: string | null, @Ctx() ctx: RequestContext) {
    return this.sourceService.list(ctx, accountId);
  }

  @FieldResolver(() => [SourceCampaign], { description: 'The campaigns this source is approved for.' })
  campaigns(@Root() source: Source, @Ctx() ctx: RequestContext) {
    return this.sourceService.approvals(ctx, source);
  }
}
