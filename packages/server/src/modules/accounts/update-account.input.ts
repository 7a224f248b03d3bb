import { Field, InputType } from 'type-graphql';

@InputType('UpdateAccountInput', { description: 'Fields to change; omitted (or null) fields keep their value.' })
export class UpdateAccountInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new slug; the former one keeps finding the account, and stays reserved for it, for 30 days.',
  })
  slug?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone; existing campaigns keep their own. Buyers' schedules use the account's.",
  })
  timeZone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "IANA time zone of the opt-in lookup's dates (the Omeda door); America/Chicago unless set.",
  })
  optInTimeZone?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Import: the account's code as vendors already send it (an Opta compid), 5-8 characters A-Z and 0-9 (any case). Platform key only; the former code stops working at once.",
  })
  code?: string | null;
}
