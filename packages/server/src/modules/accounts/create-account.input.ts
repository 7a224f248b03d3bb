import { Field, InputType } from 'type-graphql';

@InputType('CreateAccountInput')
export class CreateAccountInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the name in lower-case with dashes.' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: '8 characters A-Z and 0-9; generated when omitted.' })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone; default "UTC".' })
  timeZone?: string | null;
}
