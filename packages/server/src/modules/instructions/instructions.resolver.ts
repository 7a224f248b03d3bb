import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { InstructionsService } from './instructions.service.js';

/** Managing the posting-instructions link of an approval (ADMIN of its account). */
@Resolver()
export class InstructionsResolver {
  constructor(private readonly instructions: InstructionsService) {}

  @Mutation(() => SourceCampaign, {
    description:
      'Gives the approval a new posting-instructions link, /instructions/{instructionsToken}: the old link stops working. Also restores a revoked link.',
  })
  rotateInstructionsToken(@Arg('sourceCampaignId', () => ID) sourceCampaignId: string, @Ctx() ctx: RequestContext) {
    return this.instructions.rotate(ctx, sourceCampaignId);
  }

  @Mutation(() => SourceCampaign, {
    description: "Takes the approval's posting-instructions page down (instructionsToken becomes null) until rotateInstructionsToken.",
  })
  revokeInstructions(@Arg('sourceCampaignId', () => ID) sourceCampaignId: string, @Ctx() ctx: RequestContext) {
    return this.instructions.revoke(ctx, sourceCampaignId);
  }
}
