import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A number on a DNC list: account-wide, or of one dialer campaign.' })
export class DncNumberInput {
  @Field(() => ID, { nullable: true, description: 'Required with the platform key; an account key uses its own account.' })
  accountId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The dialer campaign whose list it is; null (or "0") for the account-wide list, "-1" for the purpose list.',
  })
  dialerCampaignId?: string | null;

  @Field(() => String)
  phone!: string;

  @Field(() => String, { nullable: true, description: 'Country code, default "1".' })
  phoneCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Free text (addDncNumber only).' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is listed, e.g. DNC, DNCT, ConsentRevoked (addDncNumber only).' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'What calls it bars, e.g. TELEMKT (addDncNumber only).' })
  purpose?: string | null;
}
