import { Field, ID, InputType } from 'type-graphql';

@InputType('CreateBrandInput')
export class CreateBrandInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => String, { description: 'Letters, digits, "_", "." and "-", at most 32; stored upper-case and unique in the account.' })
  abbreviation!: string;

  @Field(() => String, { nullable: true, description: 'Default: the abbreviation.' })
  name?: string | null;
}

@InputType('UpdateBrandInput', { description: 'Fields to change; omitted or null fields keep their value.' })
export class UpdateBrandInput {
  @Field(() => String, { nullable: true, description: 'A new abbreviation: vendors must then send it as BrandId.' })
  abbreviation?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;
}
