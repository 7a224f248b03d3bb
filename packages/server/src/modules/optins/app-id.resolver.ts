import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { OptInAppId } from './app-id.entity.js';
import { CreateOptInAppIdInput, CreateOptInAppIdPayload, UpdateOptInAppIdInput } from './app-id.inputs.js';
import { OptInAppIdService } from './app-id.service.js';

@Resolver(() => OptInAppId)
export class OptInAppIdResolver {
  constructor(private readonly appIds: OptInAppIdService) {}

  @Mutation(() => CreateOptInAppIdPayload, {
    description: "Issues an x-omeda-appid for some of the account's brands (returned once). ADMIN key.",
  })
  createOptInAppId(@Arg('input', () => CreateOptInAppIdInput) input: CreateOptInAppIdInput, @Ctx() ctx: RequestContext) {
    return this.appIds.create(ctx, input);
  }

  @Mutation(() => OptInAppId, { description: 'Renames an app id or replaces its brands. ADMIN key.' })
  updateOptInAppId(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateOptInAppIdInput) input: UpdateOptInAppIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.appIds.update(ctx, id, input);
  }

  @Mutation(() => OptInAppId, { description: 'Revokes an app id: the doors answer 403 to it. ADMIN key.' })
  revokeOptInAppId(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.appIds.revoke(ctx, id);
  }

  @Query(() => [OptInAppId], { description: "The account's opt-in app ids, oldest first. ADMIN key." })
  optInAppIds(@Arg('accountId', () => ID, { nullable: true }) accountId: string | null, @Ctx() ctx: RequestContext) {
    return this.appIds.list(ctx, accountId);
  }
}
