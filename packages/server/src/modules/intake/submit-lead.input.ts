import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';

/** A lead as posted through GraphQL. Standard fields by name, anything else in `extra`. */
@InputType('SubmitLeadInput')
export class SubmitLeadInput {
  @Field(() => ID)
  campaignId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The posting source. Implied by a SOURCE key; required with an ADMIN key or with sourceAuth.',
  })
  sourceId?: string | null;

  @Field(() => String, { nullable: true, description: 'The source auth key, to post without an API key (as the Opta door does).' })
  sourceAuth?: string | null;

  @Field(() => String, { nullable: true }) first?: string | null;
  @Field(() => String, { nullable: true }) last?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'US phone in any common format; stored as E.164.' }) phone?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true, description: '2-letter state code.' }) state?: string | null;
  @Field(() => String, { nullable: true, description: '5 or 9 digits.' }) zip?: string | null;
  @Field(() => String, { nullable: true, description: "The consumer's IP address." }) ip?: string | null;
  @Field(() => String, { nullable: true }) subId?: string | null;
  @Field(() => String, { nullable: true }) affId?: string | null;
  @Field(() => String, { nullable: true }) trustedFormCertUrl?: string | null;
  @Field(() => String, { nullable: true }) jornayaLeadId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Custom fields: name to string, number or boolean.' })
  extra?: Record<string, unknown> | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'A test lead: structural checks only, stored as a test, never counted. Default false.',
  })
  test?: boolean | null;
}
