import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { CampaignStatus } from './campaign-status.js';
import { NamedRuleInput } from './named-rule.js';
import { Caps, ConsentRequirement, CustomField, DuplicateCheck, LeadRouting, ScheduleWindow, StateTargeting } from './requirements.js';

/** Settings shared by create and update; on update an omitted field keeps its value and null clears it. */
@InputType()
export class CampaignSettingsInput {
  @Field(() => CampaignStatus, { nullable: true, description: 'Default ACTIVE.' })
  status?: CampaignStatus | null;

  @Field(() => String, { nullable: true, description: "IANA time zone; defaults to the account's." })
  timeZone?: string | null;

  @Field(() => [String], { nullable: true, description: 'Lead fields every post must carry; default none.' })
  requiredFields?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Price of an accepted lead in dollars; default 0.' })
  defaultPrice?: number | null;

  @Field(() => String, { nullable: true, description: 'First local date (YYYY-MM-DD) leads are taken; default none.' })
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'Last local date (YYYY-MM-DD) leads are taken; default none.' })
  periodEnd?: string | null;

  @Field(() => [ScheduleWindow], { nullable: true, description: 'Weekly windows; default none (always open).' })
  schedule?: ScheduleWindow[] | null;

  @Field(() => [CustomField], { nullable: true, description: 'Custom fields with types; URL fields are format-checked.' })
  customFields?: CustomField[] | null;

  @Field(() => StateTargeting, { nullable: true, description: 'Include or exclude states; default none.' })
  stateTargeting?: StateTargeting | null;

  @Field(() => Boolean, { nullable: true, description: 'Reject leads whose IP is not in the US; default false.' })
  usIpOnly?: boolean | null;

  @Field(() => ConsentRequirement, { nullable: true, description: 'Default NONE.' })
  consent?: ConsentRequirement | null;

  @Field(() => [NamedRuleInput], { nullable: true, description: 'Conditions and filters, in order; replaces the list.' })
  rules?: NamedRuleInput[] | null;

  @Field(() => DuplicateCheck, { nullable: true, description: 'Default email and phone within 30 days.' })
  duplicates?: DuplicateCheck | null;

  @Field(() => Caps, { nullable: true, description: 'Campaign-wide caps; default none.' })
  caps?: Caps | null;

  @Field(() => LeadRouting, { nullable: true, description: "Default NONE; BUYERS sells accepted leads to the account's buyers." })
  routing?: LeadRouting | null;

  @Field(() => Int, { nullable: true, description: 'Buyers one lead may be sold to, 1-10; default 1.' })
  maxBuyersPerLead?: number | null;

  @Field(() => Int, { nullable: true, description: 'Hours a pending lead may wait for a buyer, 1-720; default 72.' })
  pendingMaxAgeHours?: number | null;
}

@InputType('CreateCampaignInput')
export class CreateCampaignInput extends CampaignSettingsInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the API key's account; required with the platform key." })
  accountId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Import: the id vendors already post with (an Opta campid), 1-40 letters, digits, ".", "_" or "-"; generated when omitted. Refused when taken.',
  })
  id?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Vertical, e.g. "Auto Insurance".' })
  category!: string;
}

@InputType('UpdateCampaignInput', { description: 'Fields to change; omitted fields keep their value, null clears optional ones.' })
export class UpdateCampaignInput extends CampaignSettingsInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;
}
