import { Field, InputType } from 'type-graphql';

@InputType('CreateAccountInput')
export class CreateAccountInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the name in lower-case with dashes.' })
  slug?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "5-8 characters A-Z and 0-9 (any case; import a vendor's company id, e.g. an Opta compid, here); 8 generated when omitted.",
  })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone; default "UTC".' })
  timeZone?: string | null;
}
