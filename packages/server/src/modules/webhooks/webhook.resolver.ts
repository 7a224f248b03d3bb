import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { SourceCampaign } from '../sources/source-campaign.entity.js';
import { WebhookFieldMapping } from '../sources/webhook-mapping.js';
import { WebhookSample } from './webhook-sample.entity.js';
import { WebhookService } from './webhook.service.js';

@Resolver(() => WebhookSample)
export class WebhookResolver {
  constructor(private readonly webhookService: WebhookService) {}

  @Query(() => [WebhookSample], { description: 'Requests received on the webhook before it was mapped, newest first (the last 20).' })
  webhookSamples(@Arg('sourceCampaignId', () => ID) sourceCampaignId: string, @Ctx() ctx: RequestContext) {
    return this.webhookService.samples(ctx, sourceCampaignId);
  }

  @Query(() => [WebhookFieldMapping], { description: "A mapping guessed from the samples' parameter names." })
  suggestedWebhookMapping(@Arg('sourceCampaignId', () => ID) sourceCampaignId: string, @Ctx() ctx: RequestContext) {
    return this.webhookService.suggest(ctx, sourceCampaignId);
  }

  @Mutation(() => SourceCampaign, {
    description:
      'Maps vendor parameters (or constants) to lead fields; refused when a required field stays unmapped. An empty list clears it.',
  })
  mapWebhookFields(
    @Arg('sourceCampaignId', () => ID) sourceCampaignId: string,
    @Arg('mapping', () => [WebhookFieldMapping]) mapping: WebhookFieldMapping[],
    @Ctx() ctx: RequestContext,
  ) {
    return this.webhookService.map(ctx, sourceCampaignId, mapping);
  }

  @Mutation(() => SourceCampaign, { description: 'Gives the approval a new webhook id; the old URL stops working.' })
  rotateWebhookId(@Arg('sourceCampaignId', () => ID) sourceCampaignId: string, @Ctx() ctx: RequestContext) {
    return this.webhookService.rotate(ctx, sourceCampaignId);
  }
}
