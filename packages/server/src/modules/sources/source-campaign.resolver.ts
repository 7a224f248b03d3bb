import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ApiKeyRole } from '../../auth/api-key-role.js';
import type { Caller } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { SourceCampaign } from './source-campaign.entity.js';

/**
 * The approval's door secrets: the webhook id is a posting credential and the instructions token
 * shows the posting details, so only an ADMIN key (or the approval's own SOURCE key) sees them.
 */
const mayPostAs = (caller: Caller, approval: SourceCampaign) =>
  caller.kind === 'key' &&
  (caller.role === ApiKeyRole.ADMIN || (caller.role === ApiKeyRole.SOURCE && caller.sourceId === approval.source.id));

@Resolver(() => SourceCampaign)
export class SourceCampaignResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The webhook URL is /webhook/{webhookId}; rotateWebhookId replaces it. Null for READER keys.',
  })
  webhookId(@Root() approval: SourceCampaign, @Ctx() ctx: RequestContext): string | null {
    return mayPostAs(ctx.caller, approval) ? approval.webhookId : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The posting instructions page is /instructions/{instructionsToken}; null when revoked, and for READER keys.',
  })
  instructionsToken(@Root() approval: SourceCampaign, @Ctx() ctx: RequestContext): string | null {
    return mayPostAs(ctx.caller, approval) ? approval.instructionsToken : null;
  }
}
