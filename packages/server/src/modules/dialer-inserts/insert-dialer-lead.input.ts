import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DuplicateScope, MatchOrder } from '../dialer/dialer-insert.request.js';

/** insertDialerLead's input: the REST door's fields and options under GraphQL names. */
@InputType({ description: 'A lead for a dialer list, with the same options as POST /v1/leads/insert.' })
export class InsertDialerLeadInput {
  @Field(() => ID)
  listId!: string;

  @Field(() => String)
  phoneNumber!: string;

  @Field(() => String, { nullable: true, description: 'Country code, default "1" (only 1 is accepted).' })
  phoneCode?: string | null;

  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) address1?: string | null;
  @Field(() => String, { nullable: true }) address2?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) state?: string | null;
  @Field(() => String, { nullable: true }) province?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) altPhone1?: string | null;
  @Field(() => String, { nullable: true }) altPhone2?: string | null;
  @Field(() => String, { nullable: true }) gender?: string | null;
  @Field(() => String, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Custom fields by name (string, number or boolean values).' })
  customFields?: Record<string, unknown> | null;

  @Field(() => DuplicateScope, { nullable: true, description: 'Default NONE (check_dup=0).' })
  checkDup?: DuplicateScope | null;

  @Field(() => Boolean, { nullable: true, description: 'Also count leads of archived lists as duplicates; default false.' })
  checkDupArchive?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Refuse numbers on the DNC lists; default false.' })
  checkDnc?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Update the matching lead instead of inserting; default false.' })
  updateIfFound?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'update_if_found looks in this list (before searchCampaignId; default the whole account).',
  })
  searchListId?: string | null;

  @Field(() => ID, { nullable: true, description: "update_if_found looks in this dialer campaign's lists." })
  searchCampaignId?: string | null;

  @Field(() => ID, { nullable: true, description: 'update_if_found matches this dialer lead id instead of the phone number.' })
  matchLeadId?: string | null;

  @Field(() => MatchOrder, { nullable: true, description: 'Which match is updated when several match; default NEWEST_FIRST.' })
  matchOrder?: MatchOrder | null;

  @Field(() => Boolean, { nullable: true, description: 'Queue the lead in the hopper; default false.' })
  hopper?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Hopper priority 0-99, higher first; default 99.' })
  hopperPriority?: number | null;

  @Field(() => Int, { nullable: true, description: 'Minutes (1-300) until the hopper entry expires; default never.' })
  hopperExpiresIn?: number | null;
}
