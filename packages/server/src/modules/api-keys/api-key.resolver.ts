import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { ApiKey } from './api-key.entity.js';
import { CreateApiKeyInput, CreateApiKeyPayload } from './api-key.inputs.js';
import { ApiKeyService } from './api-key.service.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Mutation(() => CreateApiKeyPayload, { description: 'Issues an API key for an account; the key is in the reply, once.' })
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: RequestContext) {
    return this.apiKeyService.create(ctx, input);
  }

  @Mutation(() => ApiKey, { description: 'Revokes a key at once; revoking twice is harmless.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.apiKeyService.revoke(ctx, id);
  }

  @Query(() => ApiKey, { description: 'The key making this request: its role, account and source (dashboards sign in with it).' })
  viewer(@Ctx() ctx: RequestContext) {
    return this.apiKeyService.viewer(ctx);
  }

  @Query(() => [ApiKey], { description: "The account's API keys (ADMIN keys only)." })
  apiKeys(@Arg('accountId', () => ID, { nullable: true }) accountId: string | null, @Ctx() ctx: RequestContext) {
    return this.apiKeyService.list(ctx, accountId);
  }
}
