import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateDialerListInput {
  @Field(() => ID)
  dialerCampaignId!: string;

  @Field(() => String)
  name!: string;
}

@InputType()
export class UpdateDialerListInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
}
