import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyRole } from '../../auth/api-key-role.js';

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => ApiKeyRole)
  role!: ApiKeyRole;

  @Field(() => ID, { nullable: true, description: 'The source a SOURCE key posts as; required for SOURCE, refused otherwise.' })
  sourceId?: string | null;

  @Field(() => String, { nullable: true, description: 'A label; default "<role> key".' })
  name?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Requests per minute for this key, 1 to 100000; null for the gateway's default (RATE_LIMIT_PER_MINUTE).",
  })
  rateLimitPerMinute?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Import: the token vendors already send (a dialer auth_token), 8-200 printable characters; stored hashed like a generated key. Generated (and shown once) when omitted; refused when in use.',
  })
  key?: string | null;
}

@ObjectType('CreateApiKeyPayload')
export class CreateApiKeyPayload {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The key. Shown only now: store it, it cannot be read again.' })
  key!: string;
}
