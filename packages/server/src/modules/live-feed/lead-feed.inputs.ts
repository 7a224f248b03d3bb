import { Field, ID, InputType } from 'type-graphql';
import { LeadStatus } from '../leads/lead-enums.js';

/** Most ids or statuses one feed filter list may hold. */
export const MAX_FEED_FILTER_VALUES = 100;

@InputType('LeadFeedFilter', {
  description: 'Which decisions the live feed pushes. Every list narrows; an empty or missing list does not.',
})
export class LeadFeedFilter {
  @Field(() => ID, { nullable: true, description: 'Required with the platform key; account keys see their own account only.' })
  accountId?: string | null;

  @Field(() => [ID], { nullable: true, description: `Only these campaigns (at most ${MAX_FEED_FILTER_VALUES}).` })
  campaignIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Only these sources (at most ${MAX_FEED_FILTER_VALUES}). A SOURCE key sees its own source only.`,
  })
  sourceIds?: string[] | null;

  @Field(() => [LeadStatus], { nullable: true, description: 'Only these statuses.' })
  statuses?: LeadStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Include test leads; default false.' })
  includeTest?: boolean | null;
}
