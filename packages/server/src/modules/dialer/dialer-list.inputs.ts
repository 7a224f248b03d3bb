import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CreateDialerListInput {
  @Field(() => ID)
  dialerCampaignId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Import: the numeric list_id vendors already insert into, 1 to 2147483647; the next free one when omitted. Refused when taken.',
  })
  listId?: number | null;
}

@InputType()
export class UpdateDialerListInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
}
