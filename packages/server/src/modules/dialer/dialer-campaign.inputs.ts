import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateDialerCampaignInput {
  @Field(() => ID, { nullable: true, description: 'Required with the platform key; an account key uses its own account.' })
  accountId?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The intake campaign whose rules the leads meet; default a new campaign of the same name (category "Dialer", phone required).',
  })
  campaignId?: string | null;
}

@InputType()
export class UpdateDialerCampaignInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
}
