import { Field, ID, InputType } from 'type-graphql';
import { LeadStatus } from './lead-enums.js';

@InputType('LeadFilter')
export class LeadFilter {
  @Field(() => ID, { nullable: true, description: 'Required with the platform key unless campaignId or sourceId narrows it.' })
  accountId?: string | null;

  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => ID, { nullable: true }) sourceId?: string | null;
  @Field(() => LeadStatus, { nullable: true }) status?: LeadStatus | null;

  @Field(() => Date, { nullable: true, description: 'Received at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Received before this instant.' })
  to?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Include test leads; default false.' })
  includeTest?: boolean | null;
}
