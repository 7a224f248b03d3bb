import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DestinationFormat } from './delivery-enums.js';
import { Destination } from './destination.entity.js';
import { FieldMapInput } from './field-map.js';

/** Settings a destination may change; omitted ones keep their value (null restores a default). */
@InputType()
export class DestinationSettingsInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) URL the leads are POSTed to.' })
  url?: string | null;

  @Field(() => DestinationFormat, { nullable: true, description: 'Default JSON.' })
  format?: DestinationFormat | null;

  @Field(() => [FieldMapInput], { nullable: true, description: 'Outbound fields; empty (the default) sends our field names.' })
  fieldMapping?: FieldMapInput[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Static headers by name (string values), e.g. an API key of theirs.' })
  headers?: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true, description: 'Milliseconds one attempt may take, 100-60000, default 10000.' })
  timeoutMs?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'A 2xx counts only if this dot path of the JSON reply is present (and equals successJsonEquals when set).',
  })
  successJsonPath?: string | null;

  @Field(() => String, { nullable: true })
  successJsonEquals?: string | null;

  @Field(() => String, { nullable: true, description: 'A 2xx counts only if the reply contains this text.' })
  successSubstring?: string | null;

  @Field(() => Int, { nullable: true, description: 'Attempts before dead-lettering, 1-20, default DELIVERY_MAX_ATTEMPTS (8).' })
  maxAttempts?: number | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@InputType()
export class CreateDestinationInput extends DestinationSettingsInput {
  @Field(() => ID, { nullable: true, description: 'The campaign whose live accepted leads it receives (or buyerId).' })
  campaignId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The buyer whose sold leads it receives (or campaignId).' })
  buyerId?: string | null;
}

@InputType()
export class UpdateDestinationInput extends DestinationSettingsInput {}

/** A destination with its signing secret, shown only here (at creation and rotation). */
@ObjectType('DestinationWithSecret')
export class DestinationWithSecret {
  @Field(() => Destination)
  destination!: Destination;

  @Field(() => String, { description: 'The HMAC-SHA256 key of X-Leadgate-Signature; shown once.' })
  secret!: string;
}
