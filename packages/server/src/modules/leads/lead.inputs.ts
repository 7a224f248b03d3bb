import { Field, ID, InputType } from 'type-graphql';
import { LeadStatus } from './lead-enums.js';

@InputType('LeadFilter')
export class LeadFilter {
  @Field(() => ID, { nullable: true, description: 'Required with the platform key unless a campaign or source narrows it.' })
  accountId?: string | null;

  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Leads of any of these campaigns (at most 100; with campaignId: either).' })
  campaignIds?: string[] | null;

  @Field(() => ID, { nullable: true }) sourceId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Leads of any of these sources (at most 100; with sourceId: either).' })
  sourceIds?: string[] | null;

  @Field(() => LeadStatus, { nullable: true }) status?: LeadStatus | null;

  @Field(() => Date, { nullable: true, description: 'Received at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Received before this instant.' })
  to?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Include test leads; default false.' })
  includeTest?: boolean | null;
}
