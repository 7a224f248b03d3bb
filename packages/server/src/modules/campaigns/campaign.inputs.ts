import { Field, Float, ID, InputType } from 'type-graphql';
import { CampaignStatus } from './campaign-status.js';

@InputType('CreateCampaignInput')
export class CreateCampaignInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Vertical, e.g. "Auto Insurance".' })
  category!: string;

  @Field(() => CampaignStatus, { nullable: true, description: 'Default ACTIVE.' })
  status?: CampaignStatus | null;

  @Field(() => String, { nullable: true, description: "IANA time zone; defaults to the account's." })
  timeZone?: string | null;

  @Field(() => [String], { nullable: true, description: 'Lead fields every post must carry; default none.' })
  requiredFields?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Price of an accepted lead in dollars; default 0.' })
  defaultPrice?: number | null;
}

@InputType('UpdateCampaignInput', { description: 'Fields to change; omitted fields keep their value.' })
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => CampaignStatus, { nullable: true })
  status?: CampaignStatus | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field(() => [String], { nullable: true })
  requiredFields?: string[] | null;

  @Field(() => Float, { nullable: true })
  defaultPrice?: number | null;
}
